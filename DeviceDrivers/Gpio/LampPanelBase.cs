namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>What the GPIO and simulated lamp panels share: id checks, remembered state and the beep timing.</summary>
public abstract class LampPanelBase : ILampPanel
{
    private readonly Dictionary<string, bool> state;
    private readonly string? buzzerId;
    private readonly Lock gate = new();

    protected LampPanelBase(IReadOnlyCollection<LampOptions> lamps, string? buzzerId, bool requireWiring)
    {
        LampOptions.Validate(lamps, buzzerId, requireWiring);
        state = lamps.ToDictionary(l => l.Id, _ => false, StringComparer.Ordinal);
        this.buzzerId = buzzerId;
    }

    public IReadOnlyCollection<string> LampIds => state.Keys;

    public void Set(string lampId, bool lit)
    {
        lock (gate)
        {
            if (!state.ContainsKey(lampId))
            {
                throw new ArgumentException($"Unknown lamp \"{lampId}\"; configured: {string.Join(", ", state.Keys)}.", nameof(lampId));
            }

            Write(lampId, lit);
            state[lampId] = lit;
        }

        OnChanged(lampId, lit);
    }

    public bool Get(string lampId)
    {
        lock (gate)
        {
            return state.TryGetValue(lampId, out var lit)
                ? lit
                : throw new ArgumentException($"Unknown lamp \"{lampId}\"; configured: {string.Join(", ", state.Keys)}.", nameof(lampId));
        }
    }

    public async Task BeepAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (buzzerId is null)
        {
            return;
        }

        Set(buzzerId, true);
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            // Never leave the buzzer sounding, even when the beep is cancelled.
            Set(buzzerId, false);
        }
    }

    /// <summary>Drives the output; throws when the hardware refuses, so the remembered state stays true to the pin.</summary>
    protected abstract void Write(string lampId, bool lit);

    protected virtual void OnChanged(string lampId, bool lit)
    {
    }
}
