using System.Diagnostics;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// CLOCK_MONOTONIC as a TimeSpan. .NET's Stopwatch reads CLOCK_MONOTONIC on Linux, the clock the kernel stamps
/// GPIO line events with, so kernel timestamps and "now" compare directly.
/// </summary>
internal static class MonotonicClock
{
    public static TimeSpan Now => Stopwatch.GetElapsedTime(0);
}
