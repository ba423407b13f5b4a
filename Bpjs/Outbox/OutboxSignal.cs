namespace Kiosk.Bpjs.Outbox;

/// <summary>Wakes the sender when a report was stored, so a new report does not wait for the next scheduled retry.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Set()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: one wake-up covers every report stored before the sender looks.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    public void Dispose() => signal.Dispose();
}
