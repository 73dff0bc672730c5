import Foundation
import UytinCommands

// Line-buffered output, so cron and systemd logs get each line as it is written; a restrictive umask, because
// the registry and its documents hold personal data.
setvbuf(stdout, nil, _IOLBF, 0)
umask(0o077)
UytinCommand.start()
