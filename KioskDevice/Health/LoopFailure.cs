using Microsoft.Extensions.Logging;

namespace Kiosk.Device.Health;

/// <summary>
/// One turn of a main loop failed (disk full, a device refused, a broken row): it is logged and the loop goes on after
/// a pause, beating meanwhile. A loop that dies would stop the whole host and every patient behind it; the watchdog is
/// what restarts a kiosk whose loop is truly stuck.
/// </summary>
public static partial class LoopFailure
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public static async Task PauseAsync(ILogger logger, Exception exception, string loop, LoopHeartbeats heartbeats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        LogFailed(logger, exception, loop, Pause.TotalSeconds);
        heartbeats.Beat(loop);
        await Task.Delay(Pause, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Loop} loop failed one turn; it goes on in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, Exception exception, string loop, double seconds);
}
