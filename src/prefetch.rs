//! A hint to the processor to start loading memory that is needed soon.
//!
//! In a large dump a statement's tokens are anywhere in memory, and reaching them is a cache
//! miss or two. A plain load of them a few statements early (tried first) still holds up the
//! processor when its window of instructions in flight fills before the load returns; a
//! prefetch instruction does not wait for the data (only, at most, for the address to be
//! translated). `core::arch` has the instruction but only
//! as an `unsafe` function, and this crate forbids `unsafe` code: `safe_arch` wraps it in a
//! safe one (a prefetch cannot fault or change what a program computes). Elsewhere than on
//! x86 it does nothing.

/// Starts loading the cache line of `value` into every level of the cache.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse"
    ))]
    safe_arch::prefetch_t0(value);
    #[cfg(not(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse"
    )))]
    let _ = value;
}
