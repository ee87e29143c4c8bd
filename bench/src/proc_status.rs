//! This process as Linux sees it: peak and current memory, open files, CPU time of a thread.

/// A `kB` field of `/proc/self/status` (`VmHWM`, `VmRSS`), in bytes.
pub fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        let kib: u64 = rest.trim().strip_suffix("kB")?.trim().parse().ok()?;
        Some(kib * 1024)
    })
}

/// Peak resident memory of the process so far (`VmHWM`), in bytes.
pub fn peak_rss() -> Option<u64> {
    status_bytes("VmHWM")
}

/// Current resident memory (`VmRSS`), in bytes.
pub fn rss() -> Option<u64> {
    status_bytes("VmRSS")
}

/// Open file descriptors of the process.
pub fn open_files() -> Option<usize> {
    std::fs::read_dir("/proc/self/fd").ok().map(Iterator::count)
}

/// The soft limit on open files (`Max open files` of `/proc/self/limits`).
pub fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// CPU time the calling thread has used, in nanoseconds (`/proc/thread-self/schedstat`).
///
/// The kernel updates it at scheduler events and timer ticks (every few milliseconds), so
/// only differences over batches much longer than a tick are meaningful.
pub fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// A counter of the `TcpExt` section of `/proc/net/netstat` (`ListenOverflows`,
/// `TCPSynRetrans`, ...): for the whole network namespace, not only this process.
pub fn tcp_ext(counter: &str) -> Option<u64> {
    proc_net_counter("/proc/net/netstat", "TcpExt:", counter)
}

/// A counter of the `Tcp` section of `/proc/net/snmp` (`ActiveOpens`: connections opened,
/// `PassiveOpens`: connections accepted), for the whole network namespace.
pub fn tcp_snmp(counter: &str) -> Option<u64> {
    proc_net_counter("/proc/net/snmp", "Tcp:", counter)
}

fn proc_net_counter(file: &str, section: &str, counter: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines().filter(|l| l.starts_with(section));
    let (names, values) = (lines.next()?, lines.next()?);
    let index = names.split_whitespace().position(|name| name == counter)?;
    values.split_whitespace().nth(index)?.parse().ok()
}

/// Bytes as MiB with one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        // The current size first: the peak read afterwards can only be at least as large.
        let current = rss().expect("VmRSS");
        assert!(peak_rss().is_some_and(|hwm| hwm >= current && current > 0));
        assert!(open_files().is_some_and(|n| n >= 3));
        assert!(open_files_limit().is_some_and(|n| n > 0));
        assert!(tcp_ext("ListenOverflows").is_some());
        assert!(tcp_snmp("ActiveOpens").is_some());
        assert!(thread_cpu_ns().is_some(), "a fresh thread may still read 0");
    }
}
