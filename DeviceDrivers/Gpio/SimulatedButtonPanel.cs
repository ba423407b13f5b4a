using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Buttons for the simulator and tests, judged by the same <see cref="ButtonSemantics"/> as the GPIO panel.
/// <see cref="Press"/>, <see cref="Hold"/> and <see cref="Bounce"/> play whole presses instantly by moving the
/// panel's clock forward by the press's length (deterministic, no waiting); <see cref="Down"/>/<see cref="Up"/>
/// follow real time, with long-press and stuck detection ticking once started.
/// </summary>
public sealed class SimulatedButtonPanel : IButtonPanel
{
    public static readonly TimeSpan DefaultPressDuration = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly ButtonSemantics semantics;
    private readonly Func<TimeSpan> clock;
    private readonly Lock gate = new();
    // How far the panel's clock runs ahead of the real one after instant presses; only ever grows, so time stays monotonic.
    private TimeSpan skew;
    private CancellationTokenSource? stopping;
    private Task ticking = Task.CompletedTask;

    public SimulatedButtonPanel(IReadOnlyCollection<ButtonOptions> buttons, ILogger<SimulatedButtonPanel>? logger = null)
        : this(buttons, () => MonotonicClock.Now, logger)
    {
    }

    internal SimulatedButtonPanel(IReadOnlyCollection<ButtonOptions> buttons, Func<TimeSpan> clock, ILogger? logger)
    {
        semantics = new ButtonSemantics(buttons, logger);
        this.clock = clock;
        foreach (var id in semantics.ButtonIds)
        {
            semantics.Initialize(id, active: false, clock());
        }
    }

    public ChannelReader<ButtonEvent> Events => semantics.Events;

    public IReadOnlyCollection<string> ButtonIds => semantics.ButtonIds;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stopping.Token;
        ticking = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Tick);
            while (await timer.WaitForNextTickAsync(token))
            {
                semantics.Advance(Now());
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>One clean press of the usual length.</summary>
    public void Press(string buttonId) => Hold(buttonId, DefaultPressDuration);

    /// <summary>Holds the button for <paramref name="duration"/> of virtual time: long enough gives LongPressed or Stuck.</summary>
    public void Hold(string buttonId, TimeSpan duration) => Bounce(buttonId, (true, TimeSpan.Zero), (false, duration));

    /// <summary>Raw level changes at offsets from now, e.g. a bouncing contact or a blip of interference.</summary>
    public void Bounce(string buttonId, params (bool Active, TimeSpan Offset)[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        lock (gate)
        {
            var start = Now();
            foreach (var (active, offset) in levels.OrderBy(l => l.Offset))
            {
                semantics.OnLevel(buttonId, active, start + offset);
            }

            // Let the last level settle through the debounce on the virtual timeline, as time would on a real panel.
            var end = start + levels.Max(l => l.Offset);
            var settledAt = semantics.SettlesAt(buttonId) is { } settled && settled > end ? settled : end;
            skew += settledAt - start;
            semantics.Advance(settledAt);
        }
    }

    /// <summary>Real-time press: the button stays down until <see cref="Up"/>.</summary>
    public void Down(string buttonId)
    {
        lock (gate)
        {
            semantics.OnLevel(buttonId, true, Now());
        }
    }

    public void Up(string buttonId)
    {
        lock (gate)
        {
            semantics.OnLevel(buttonId, false, Now());
        }
    }

    public void NotifyTicketIssued(string buttonId)
    {
        lock (gate)
        {
            semantics.NotifyTicketIssued(buttonId, Now());
        }
    }

    public bool IsDown(string buttonId) => semantics.IsDown(buttonId);

    public async ValueTask DisposeAsync()
    {
        if (stopping is not null)
        {
            await stopping.CancelAsync();
            try
            {
                await ticking;
            }
            catch (OperationCanceledException)
            {
                // The ticking loop ends by cancellation.
            }

            stopping.Dispose();
        }

        semantics.Complete();
    }

    private TimeSpan Now()
    {
        lock (gate)
        {
            return clock() + skew;
        }
    }
}
