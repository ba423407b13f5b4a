using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// The button rules for a whole panel (debounce, lock-out, long press, stuck), shared by the GPIO panel and the
/// simulated one. Callers feed levels with their timestamps and advance time; events go to <see cref="Events"/>.
/// The lock-out is applied twice: to presses as they happen, and again when the worker reads, so a second press
/// queued before the worker reported the first ticket is dropped too.
/// Thread-safe: the GPIO reader threads and the worker's NotifyTicketIssued meet here.
/// </summary>
public sealed class ButtonSemantics
{
    private readonly Dictionary<string, ButtonTracker> buttons;
    private readonly Channel<ButtonEvent> channel = Channel.CreateUnbounded<ButtonEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly List<ButtonEvent> scratch = [];
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly LockoutFilter reader;

    public ButtonSemantics(IReadOnlyCollection<ButtonOptions> options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ButtonOptions.Validate(options, requireWiring: false);
        buttons = options.ToDictionary(o => o.Id, o => new ButtonTracker(o), StringComparer.Ordinal);
        this.logger = logger ?? NullLogger.Instance;
        reader = new LockoutFilter(this);
    }

    public ChannelReader<ButtonEvent> Events => reader;

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

    /// <summary>Decides at read time whether an event still stands, given the tickets issued since it was queued.</summary>
    private bool Admit(ButtonEvent e)
    {
        lock (gate)
        {
            var tracker = Get(e.ButtonId);
            switch (e.Kind)
            {
                case ButtonEventKind.Pressed when tracker.IsLockedOut(e.Timestamp):
                    tracker.DroppingPress = true;
                    tracker.CountSuppressed();
                    logger.LogInformation("Button {ButtonId}: queued press ignored, it came within the lock-out after the last ticket.", e.ButtonId);
                    return false;
                case ButtonEventKind.Pressed:
                    tracker.DroppingPress = false;
                    tracker.LastDeliveredPress = e.Timestamp;
                    return true;
                case ButtonEventKind.LongPressed:
                    return !tracker.DroppingPress;
                case ButtonEventKind.Released when tracker.DroppingPress:
                    tracker.DroppingPress = false;
                    return false;
                case ButtonEventKind.Stuck:
                    // A stuck button matters even when its press was a duplicate; its release must then be seen too.
                    tracker.DroppingPress = false;
                    return true;
                default:
                    return true;
            }
        }
    }

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

    private sealed class LockoutFilter(ButtonSemantics owner) : ChannelReader<ButtonEvent>
    {
        public override Task Completion => owner.channel.Reader.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out ButtonEvent item)
        {
            while (owner.channel.Reader.TryRead(out var next))
            {
                if (owner.Admit(next))
                {
                    item = next;
                    return true;
                }
            }

            item = null;
            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            owner.channel.Reader.WaitToReadAsync(cancellationToken);
    }
}
