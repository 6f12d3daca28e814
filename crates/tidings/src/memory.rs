//! Giving the memory of a large page back to the system once it is done.
//!
//! A 20 MB page takes a few times its size while it is extracted, most of
//! it in blocks of a megabyte or more (its text, its lines, its tokens),
//! and the rest in hundreds of thousands of small ones (normalised lines,
//! entry bodies, ids). glibc keeps both kinds once freed, for reuse:
//! without the two steps below, the 1 GiB benchmark corpus, whose largest
//! pages are 20 MB, peaks well above what one such page needs.
//!
//! Both are no-ops on other platforms and allocators.

/// An input from this size up is followed by [`release_freed_memory`]:
/// what the call costs (a walk over the allocator's free blocks, well under
/// a millisecond) is nothing beside the tenth of a second such a page
/// takes.
pub(crate) const LARGE_INPUT_BYTES: u64 = 4 << 20;

/// Keeps large blocks in their own mappings, unmapped when freed. By
/// default glibc raises its mmap threshold to the largest block freed (up
/// to 32 MiB) and its trim threshold to twice that, so after one 20 MB
/// page every later block of that size comes from the heap, and up to 64
/// MiB of freed heap stays resident for the rest of the batch. On the
/// 1 GiB benchmark corpus a fixed threshold took the peak from 117 to
/// 107 MiB at one thread and from 170 to 116 MiB at two, at the same speed.
///
/// For binaries: call it first thing in `main`, before any thread exists.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// Blocks from this size up get their own mapping.
        const MMAP_THRESHOLD: libc::c_int = 1 << 20;
        // SAFETY: `mallopt` only sets an allocator parameter; the caller
        // runs it before any other thread exists. A refusal (return value
        // 0) leaves glibc's default, which is only slower to give memory
        // back.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
    }
}

/// Hands the free pages inside the allocator's heaps back to the system.
/// Called after a large input: its small blocks, freed, are scattered
/// among live ones, and each worker thread has a heap of its own, so
/// without it every thread that ever extracted a large page keeps that
/// page's small blocks resident. On the 1 GiB benchmark corpus at two
/// threads it took the peak from 105 to 97 MiB.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `malloc_trim` only returns free memory to the system; it
        // takes the allocator's own locks and may run on any thread.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
