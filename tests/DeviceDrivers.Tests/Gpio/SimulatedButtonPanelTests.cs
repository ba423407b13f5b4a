using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>The simulated panel goes through the same rules as the GPIO one.</summary>
public sealed class SimulatedButtonPanelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static ButtonOptions[] Buttons => [new() { Id = "umum", LockoutMs = 2000, LongPressMs = 3000, StuckAfterSeconds = 60 }];

    private static List<ButtonEvent> Drain(SimulatedButtonPanel panel)
    {
        var events = new List<ButtonEvent>();
        while (panel.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task A_press_gives_pressed_and_released()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);

        panel.Press("umum");

        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.Released], Drain(panel).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_double_press_after_the_ticket_gives_one_press()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);

        panel.Press("umum");
        panel.NotifyTicketIssued("umum");
        panel.Press("umum");

        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.Released], Drain(panel).Select(e => e.Kind));
    }

    [Fact]
    public async Task Holding_past_the_thresholds_reports_long_press_and_stuck_once()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);

        panel.Hold("umum", TimeSpan.FromMinutes(5));

        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.LongPressed, ButtonEventKind.Stuck, ButtonEventKind.Released], Drain(panel).Select(e => e.Kind));
    }

    [Fact]
    public async Task Real_time_presses_still_count_after_an_instant_hold_moved_the_clock_ahead()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);
        await panel.StartAsync(CancellationToken.None);
        panel.Hold("umum", TimeSpan.FromMinutes(5));
        Drain(panel);
        using var timeout = new CancellationTokenSource(Wait);

        panel.Down("umum");
        var pressed = await panel.Events.ReadAsync(timeout.Token);
        panel.Up("umum");
        var released = await panel.Events.ReadAsync(timeout.Token);

        Assert.Equal(ButtonEventKind.Pressed, pressed.Kind);
        Assert.Equal(ButtonEventKind.Released, released.Kind);
        Assert.True(released.Timestamp > pressed.Timestamp);
    }

    [Fact]
    public async Task Bounce_within_the_debounce_time_is_one_press()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);
        static TimeSpan ms(int value) => TimeSpan.FromMilliseconds(value);

        panel.Bounce("umum", (true, ms(0)), (false, ms(1)), (true, ms(2)), (false, ms(100)), (true, ms(101)), (false, ms(102)));

        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.Released], Drain(panel).Select(e => e.Kind));
    }

    [Fact]
    public async Task Real_time_down_and_up_are_judged_by_the_ticking_loop()
    {
        await using var panel = new SimulatedButtonPanel(Buttons);
        await panel.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Wait);

        panel.Down("umum");
        Assert.Equal(ButtonEventKind.Pressed, (await panel.Events.ReadAsync(timeout.Token)).Kind);
        Assert.True(panel.IsDown("umum"));
        panel.Up("umum");

        Assert.Equal(ButtonEventKind.Released, (await panel.Events.ReadAsync(timeout.Token)).Kind);
    }
}
