using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// The button rules for a whole panel (debounce, lock-out, long press, stuck), shared by the GPIO panel and the
/// simulated one. Callers feed levels with their timestamps and advance time; events go to <see cref="Events"/>.
/// Thread-safe: the GPIO reader threads and the worker's NotifyTicketIssued meet here.
/// </summary>
public sealed class ButtonSemantics
{
    private readonly Dictionary<string, ButtonTracker> buttons;
    private readonly Channel<ButtonEvent> channel = Channel.CreateUnbounded<ButtonEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly List<ButtonEvent> scratch = [];
    private readonly ILogger logger;
    private readonly Lock gate = new();

    public ButtonSemantics(IReadOnlyCollection<ButtonOptions> options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ButtonOptions.Validate(options, requireWiring: false);
        buttons = options.ToDictionary(o => o.Id, o => new ButtonTracker(o), StringComparer.Ordinal);
        this.logger = logger ?? NullLogger.Instance;
    }

    public ChannelReader<ButtonEvent> Events => channel.Reader;

    public IReadOnlyCollection<string> ButtonIds => buttons.Keys;

    public void Initialize(string buttonId, bool active, TimeSpan now)
    {
        lock (gate)
        {
            Get(buttonId).Initialize(active, now);
            if (active)
            {
                logger.LogWarning("Button {ButtonId} is already pressed at start; it gives no ticket until released.", buttonId);
            }
        }
    }

    public void OnLevel(string buttonId, bool active, TimeSpan at)
    {
        lock (gate)
        {
            var tracker = Get(buttonId);
            var suppressedBefore = tracker.SuppressedPresses;
            tracker.OnLevel(active, at, scratch);
            Publish(tracker, suppressedBefore);
        }
    }

    public void Advance(TimeSpan now)
    {
        lock (gate)
        {
            foreach (var tracker in buttons.Values)
            {
                var suppressedBefore = tracker.SuppressedPresses;
                tracker.Advance(now, scratch);
                Publish(tracker, suppressedBefore);
            }
        }
    }

    public TimeSpan? NextDeadline
    {
        get
        {
            lock (gate)
            {
                return buttons.Values.Select(b => b.NextDeadline).Where(d => d.HasValue).DefaultIfEmpty().Min();
            }
        }
    }

    public TimeSpan? NextDeadlineOf(string buttonId)
    {
        lock (gate)
        {
            return Get(buttonId).NextDeadline;
        }
    }

    /// <summary>When the last level change of <paramref name="buttonId"/> will have held for the debounce time, if one is pending.</summary>
    public TimeSpan? SettlesAt(string buttonId)
    {
        lock (gate)
        {
            return Get(buttonId).SettlesAt;
        }
    }

    public bool IsDown(string buttonId)
    {
        lock (gate)
        {
            return Get(buttonId).IsDown;
        }
    }

    public int SuppressedPresses(string buttonId)
    {
        lock (gate)
        {
            return Get(buttonId).SuppressedPresses;
        }
    }

    public void NotifyTicketIssued(string buttonId, TimeSpan now)
    {
        lock (gate)
        {
            Get(buttonId).StartLockout(now);
        }
    }

    public void Complete() => channel.Writer.TryComplete();

    private ButtonTracker Get(string buttonId) =>
        buttons.TryGetValue(buttonId, out var tracker)
            ? tracker
            : throw new ArgumentException($"Unknown button \"{buttonId}\"; configured: {string.Join(", ", buttons.Keys)}.", nameof(buttonId));

    private void Publish(ButtonTracker tracker, int suppressedBefore)
    {
        if (tracker.SuppressedPresses > suppressedBefore)
        {
            logger.LogInformation("Button {ButtonId}: press ignored, still within the lock-out after the last ticket.", tracker.Id);
        }

        foreach (var e in scratch)
        {
            if (e.Kind == ButtonEventKind.Stuck)
            {
                logger.LogWarning("Button {ButtonId} is still held down at {Timestamp}: reported as stuck.", e.ButtonId, e.Timestamp);
            }

            channel.Writer.TryWrite(e);
        }

        scratch.Clear();
    }
}
