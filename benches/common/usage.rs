//! What this process has used so far, all its threads (finished ones included), from
//! `/proc/self/stat`: `None` where there is no `/proc`.

use std::time::Duration;

/// CPU time (user + system) and minor page faults so far.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub cpu: Duration,
    pub faults: u64,
}

impl Usage {
    pub fn now() -> Option<Usage> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // The fields after the command name, which is in parentheses and may hold spaces.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let field = |n: usize| fields.get(n)?.parse::<u64>().ok();
        // Fields 10 (minflt), 14 (utime) and 15 (stime) of the line: 8, 12 and 13 after the
        // name, counted from 1. Times are in clock ticks of 1/100 s.
        let ticks = field(11)? + field(12)?;
        Some(Usage {
            cpu: Duration::from_millis(ticks * 10),
            faults: field(7)?,
        })
    }

    /// What was used between `self` and `later`.
    pub fn until(self, later: Usage) -> Usage {
        Usage {
            cpu: later.cpu.saturating_sub(self.cpu),
            faults: later.faults.saturating_sub(self.faults),
        }
    }
}
