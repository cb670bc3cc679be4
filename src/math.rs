//! `log`, `log10` and `pow` for the bundled SQLite and for Rust's `f64::ln`, `log10` and `powf`
//! (the HTML report's axes), from the pure-Rust `libm` crate, so the binary needs no libm.so.
//! These are all fw takes from the system math library (a test keeps it so); without them the dynamic loader maps and relocates libm.so on every run,
//! about 330 kB of memory and a little start-up time for two functions the one-off path never
//! calls. `libm` is a port of musl's, correctly rounded to within an ulp like glibc's.

/// Natural logarithm.
#[no_mangle]
pub extern "C" fn log(x: f64) -> f64 {
    libm::log(x)
}

/// Base-10 logarithm.
#[no_mangle]
pub extern "C" fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// `x` to the power `y`.
#[no_mangle]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

#[cfg(test)]
mod tests {
    #[test]
    fn agree_with_known_values() {
        assert_eq!(super::log(1.0), 0.0);
        assert!((super::log(std::f64::consts::E) - 1.0).abs() < 1e-15);
        assert_eq!(super::pow(2.0, 10.0), 1024.0);
        assert_eq!(super::log10(1000.0), 3.0);
        assert!((super::pow(10.0, -3.0) - 0.001).abs() < 1e-18);
        assert!(super::log(-1.0).is_nan());
    }
}
