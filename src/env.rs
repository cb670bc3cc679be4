//! The process environment as fw reads it: a variable set to the empty string counts as unset.
//! Code that reads variables takes an `Env`, so tests pass an environment of their own.

/// Looks a variable up.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The real environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
