//! Running code that may panic (typify does, on some schemas) and getting an error instead.
//!
//! The default panic hook prints to stderr before `catch_unwind` returns. A hook installed
//! once per process stays silent on threads that are inside [`catch`] and defers to the
//! previous hook everywhere else, so unrelated panics still print as usual.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic becomes `Err` with the panic's message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was_catching = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was_catching));
    result.map_err(|payload| message(payload.as_ref()))
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_a_panic_into_its_message() {
        let result: Result<(), String> = catch(|| panic!("bad $ref {}", "#/x"));
        assert_eq!(result.unwrap_err(), "bad $ref #/x");
        assert_eq!(catch(|| 7).unwrap(), 7);
    }
}
