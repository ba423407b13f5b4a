namespace Kiosk.Device.Systemd;

/// <summary>
/// READY=1 is sent once the database, printer, inputs and outbox publisher have all come up, not when the host
/// merely started: systemd (and a technician watching `systemctl status`) then knows patients can be served.
/// </summary>
public sealed class KioskReadiness(SystemdNotifier notifier)
{
    public const string Database = "database";
    public const string Printer = "printer";
    public const string Inputs = "inputs";
    public const string Outbox = "outbox";

    private static readonly string[] Required = [Database, Printer, Inputs, Outbox];
    private readonly HashSet<string> ready = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    public Task AllReady => allReady.Task;

    public bool IsReady => allReady.Task.IsCompleted;

    public void MarkReady(string component, string status)
    {
        // The components come up on different threads: decide and word the message under the lock.
        string? progress = null;
        bool complete;
        lock (gate)
        {
            ready.Add(component);
            complete = Required.All(ready.Contains) && !allReady.Task.IsCompleted;
            if (!complete && !allReady.Task.IsCompleted)
            {
                progress = $"Memulai: {string.Join(", ", ready.Order(StringComparer.Ordinal))} siap; menunggu {string.Join(", ", Required.Where(r => !ready.Contains(r)))}";
            }
        }

        if (complete)
        {
            notifier.Ready(status);
            allReady.TrySetResult();
        }
        else if (progress is not null)
        {
            notifier.Status(progress);
        }
    }
}
