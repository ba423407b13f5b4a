using Kiosk.DeviceDrivers.Gpio;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>The button rules replayed from recorded kernel event bytes, with time advanced explicitly.</summary>
public sealed class ButtonSemanticsTests
{
    private const string Umum = "umum";

    private static ButtonOptions Options(int lockoutMs = 2000, int longPressMs = 3000, int stuckAfterSeconds = 60) => new()
    {
        Id = Umum,
        Line = "17",
        DebounceMs = 30,
        LockoutMs = lockoutMs,
        LongPressMs = longPressMs,
        StuckAfterSeconds = stuckAfterSeconds,
    };

    private static void Replay(ButtonSemantics semantics, byte[] recording, Func<GpioLineEvent, bool>? until = null)
    {
        foreach (var e in new GpioLineEventReader().Decode(recording))
        {
            if (until?.Invoke(e) == true)
            {
                return;
            }

            semantics.OnLevel(Umum, e.BecameActive, e.Timestamp);
        }
    }

    private static List<ButtonEvent> Drain(ButtonSemantics semantics)
    {
        var events = new List<ButtonEvent>();
        while (semantics.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public void Contact_bounce_gives_one_press_and_one_release()
    {
        var semantics = new ButtonSemantics([Options()]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        Replay(semantics, GpioRecordings.BouncyPress);
        semantics.Advance(GpioRecordings.At(500));

        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(3)),
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(181.2)),
            ],
            Drain(semantics));
    }

    [Fact]
    public void A_press_is_not_reported_before_it_has_held_for_the_debounce_time()
    {
        var semantics = new ButtonSemantics([Options()]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));
        Replay(semantics, GpioRecordings.BouncyPress, until: e => e.Seqno > 5);

        semantics.Advance(GpioRecordings.At(32.9));
        Assert.Empty(Drain(semantics));
        Assert.Equal(GpioRecordings.At(33), semantics.NextDeadline);

        semantics.Advance(GpioRecordings.At(33));
        Assert.Equal([ButtonEventKind.Pressed], Drain(semantics).Select(e => e.Kind));
    }

    [Fact]
    public void A_blip_of_interference_shorter_than_the_debounce_is_no_press()
    {
        var semantics = new ButtonSemantics([Options()]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        Replay(semantics, GpioRecordings.InterferenceBlip);
        semantics.Advance(GpioRecordings.At(1000));

        Assert.Empty(Drain(semantics));
        Assert.Null(semantics.NextDeadline);
    }

    [Fact]
    public void A_double_press_after_a_ticket_gives_one_press_and_a_later_press_counts_again()
    {
        var semantics = new ButtonSemantics([Options(lockoutMs: 2000)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));
        var events = new GpioLineEventReader().Decode(GpioRecordings.DoublePressThenLaterPress);

        semantics.OnLevel(Umum, events[0].BecameActive, events[0].Timestamp);
        semantics.Advance(GpioRecordings.At(35));
        var first = Drain(semantics);
        Assert.Equal([new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(0))], first);
        semantics.NotifyTicketIssued(Umum, GpioRecordings.At(40));   // the worker printed the ticket
        foreach (var e in events.Skip(1))
        {
            semantics.OnLevel(Umum, e.BecameActive, e.Timestamp);
        }

        semantics.Advance(GpioRecordings.At(3000));

        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(120)),
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(2600)),
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(2700)),
            ],
            Drain(semantics));
        Assert.Equal(1, semantics.SuppressedPresses(Umum));
    }

    [Fact]
    public void A_second_press_already_queued_when_the_ticket_is_reported_is_dropped_at_read_time()
    {
        var semantics = new ButtonSemantics([Options(lockoutMs: 2000)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));
        Replay(semantics, GpioRecordings.DoublePressThenLaterPress);
        semantics.Advance(GpioRecordings.At(3000));

        // A slow worker: all six events are queued before it reads the first press and reports its ticket.
        Assert.True(semantics.Events.TryRead(out var first));
        semantics.NotifyTicketIssued(Umum, GpioRecordings.At(500));

        Assert.Equal(new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(0)), first);
        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(120)),
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(2600)),
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(2700)),
            ],
            Drain(semantics));
        Assert.Equal(1, semantics.SuppressedPresses(Umum));
    }

    [Fact]
    public async Task Reading_asynchronously_skips_dropped_presses_and_waits_for_the_next_real_one()
    {
        var semantics = new ButtonSemantics([Options(lockoutMs: 2000)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));
        Replay(semantics, GpioRecordings.DoublePressThenLaterPress);
        semantics.Advance(GpioRecordings.At(3000));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        Assert.Equal(ButtonEventKind.Pressed, (await semantics.Events.ReadAsync(timeout.Token)).Kind);
        semantics.NotifyTicketIssued(Umum, GpioRecordings.At(500));
        Assert.Equal(ButtonEventKind.Released, (await semantics.Events.ReadAsync(timeout.Token)).Kind);

        Assert.Equal(new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(2600)), await semantics.Events.ReadAsync(timeout.Token));
    }

    [Fact]
    public void Without_a_ticket_there_is_no_lock_out_and_both_presses_count()
    {
        var semantics = new ButtonSemantics([Options(lockoutMs: 2000)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        Replay(semantics, GpioRecordings.DoublePressThenLaterPress);
        semantics.Advance(GpioRecordings.At(3000));

        Assert.Equal(3, Drain(semantics).Count(e => e.Kind == ButtonEventKind.Pressed));
    }

    [Fact]
    public void A_long_press_reports_pressed_then_long_pressed_at_the_threshold_then_released()
    {
        var semantics = new ButtonSemantics([Options(longPressMs: 3000)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        Replay(semantics, GpioRecordings.LongPress);
        semantics.Advance(GpioRecordings.At(5000));

        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(0)),
                new ButtonEvent(Umum, ButtonEventKind.LongPressed, GpioRecordings.At(3000)),
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(4200)),
            ],
            Drain(semantics));
    }

    [Fact]
    public void Long_press_detection_can_be_turned_off()
    {
        var semantics = new ButtonSemantics([Options(longPressMs: 0)]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        Replay(semantics, GpioRecordings.LongPress);
        semantics.Advance(GpioRecordings.At(5000));

        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.Released], Drain(semantics).Select(e => e.Kind));
    }

    [Fact]
    public void A_stuck_button_is_reported_once_however_long_it_stays_down_and_works_again_after()
    {
        var logger = new RecordingLogger();
        var semantics = new ButtonSemantics([Options(stuckAfterSeconds: 60)], logger);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));
        var events = new GpioLineEventReader().Decode(GpioRecordings.StuckThenReleased);

        semantics.OnLevel(Umum, events[0].BecameActive, events[0].Timestamp);
        for (var second = 1; second <= 690; second += 7)
        {
            semantics.Advance(GpioRecordings.At(second * 1000.0));
        }

        var whileStuck = Drain(semantics);
        foreach (var e in events.Skip(1))
        {
            semantics.OnLevel(Umum, e.BecameActive, e.Timestamp);
        }

        semantics.Advance(GpioRecordings.At(702_000));

        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(0)),
                new ButtonEvent(Umum, ButtonEventKind.LongPressed, GpioRecordings.At(3000)),
                new ButtonEvent(Umum, ButtonEventKind.Stuck, GpioRecordings.At(60_000)),
            ],
            whileStuck);
        Assert.Equal(
            [
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(700_000)),
                new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(701_000)),
                new ButtonEvent(Umum, ButtonEventKind.Released, GpioRecordings.At(701_100)),
            ],
            Drain(semantics));
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("stuck", StringComparison.Ordinal));
    }

    [Fact]
    public void A_button_already_down_at_start_gives_no_ticket_but_is_reported_stuck()
    {
        var semantics = new ButtonSemantics([Options(stuckAfterSeconds: 60)]);
        semantics.Initialize(Umum, true, GpioRecordings.At(0));

        semantics.Advance(GpioRecordings.At(61_000));

        Assert.Equal([new ButtonEvent(Umum, ButtonEventKind.Stuck, GpioRecordings.At(60_000))], Drain(semantics));
    }

    [Fact]
    public void The_same_level_twice_after_lost_events_changes_nothing()
    {
        var semantics = new ButtonSemantics([Options()]);
        semantics.Initialize(Umum, false, GpioRecordings.At(-1000));

        semantics.OnLevel(Umum, true, GpioRecordings.At(0));
        semantics.OnLevel(Umum, true, GpioRecordings.At(10));
        semantics.Advance(GpioRecordings.At(100));

        Assert.Equal([new ButtonEvent(Umum, ButtonEventKind.Pressed, GpioRecordings.At(0))], Drain(semantics));
    }

    [Fact]
    public void Buttons_are_independent_and_an_unknown_button_is_a_clear_error()
    {
        var other = Options();
        other.Id = "bpjs";
        var semantics = new ButtonSemantics([Options(), other]);
        semantics.Initialize(Umum, false, TimeSpan.Zero);
        semantics.Initialize("bpjs", false, TimeSpan.Zero);

        semantics.OnLevel(Umum, true, TimeSpan.FromSeconds(1));
        semantics.NotifyTicketIssued(Umum, TimeSpan.FromSeconds(1.05));
        semantics.OnLevel("bpjs", true, TimeSpan.FromSeconds(1.1));
        semantics.Advance(TimeSpan.FromSeconds(1.2));

        Assert.Equal(["umum", "bpjs"], Drain(semantics).Where(e => e.Kind == ButtonEventKind.Pressed).Select(e => e.ButtonId));
        var error = Assert.Throws<ArgumentException>(() => semantics.OnLevel("gigi", true, TimeSpan.FromSeconds(2)));
        Assert.Contains("umum, bpjs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "17", 30, "ada tombol tanpa Id")]
    [InlineData("umum", "17", -5, "DebounceMs harus 0..1000, tertulis -5")]
    [InlineData("umum", "", 30, "umum: Chip dan Line wajib diisi")]
    public void Bad_button_configuration_names_the_problem(string id, string line, int debounceMs, string expected)
    {
        var options = new ButtonOptions { Id = id, Line = line, DebounceMs = debounceMs };

        var error = Assert.Throws<DeviceConfigurationException>(() => ButtonOptions.Validate([options], requireWiring: true));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_button_ids_are_refused()
    {
        var error = Assert.Throws<DeviceConfigurationException>(() => new ButtonSemantics([Options(), Options()]));

        Assert.Contains("\"umum\" dipakai 2 kali", error.Message, StringComparison.Ordinal);
    }
}
