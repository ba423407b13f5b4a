using System.Globalization;

namespace Kiosk.Device.Systemd;

/// <summary>The watchdog interval systemd asked for through WATCHDOG_USEC (and WATCHDOG_PID, when set, must be us).</summary>
public static class WatchdogSettings
{
    /// <summary>Half the watchdog timeout, as sd_watchdog_enabled(3) recommends; null when no watchdog is configured.</summary>
    public static TimeSpan? PingInterval(string? watchdogUsec, string? watchdogPid, int ownPid)
    {
        if (!long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(watchdogPid) && watchdogPid != ownPid.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    public static TimeSpan? FromEnvironment() =>
        PingInterval(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId);
}
