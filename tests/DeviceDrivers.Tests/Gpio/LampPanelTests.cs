using System.Buffers.Binary;
using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

public sealed class LampPanelTests
{
    private static readonly LampOptions[] Lamps =
    [
        new() { Id = "umum", Line = "5" },
        new() { Id = "printer-problem", Line = "6", ActiveLow = true },
        new() { Id = "buzzer", Line = "13" },
    ];

    [Fact]
    public void Gpio_lamps_are_requested_as_dark_outputs_and_switched_through_set_values()
    {
        var chip = new FakeGpioChip();
        using var panel = new GpioLampPanel(Lamps, "buzzer", _ => chip, null);
        var lines = chip.RequestedLines.ToArray();

        panel.Set("printer-problem", true);
        panel.Set("printer-problem", false);

        Assert.Equal(3, chip.Requests.Count);
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(chip.Requests[1]));
        Assert.Equal(0x2UL | 0x8, BinaryPrimitives.ReadUInt64LittleEndian(chip.Requests[1].AsSpan(288)));  // ACTIVE_LOW | OUTPUT
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(chip.Requests[1].AsSpan(288 + 32)));     // OUTPUT_VALUES
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(chip.Requests[1].AsSpan(288 + 40)));    // dark at start
        Assert.Equal([(1UL, 1UL), (0UL, 1UL)], lines[1].Writes.ToArray());
        Assert.Empty(lines[0].Writes);
        Assert.False(panel.Get("printer-problem"));
    }

    [Fact]
    public async Task A_beep_turns_the_buzzer_on_and_always_off_again_even_when_cancelled()
    {
        var chip = new FakeGpioChip();
        using var panel = new GpioLampPanel(Lamps, "buzzer", _ => chip, null);
        var buzzer = chip.RequestedLines.ToArray()[2];

        await panel.BeepAsync(TimeSpan.FromMilliseconds(20));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => panel.BeepAsync(TimeSpan.FromSeconds(30), cancelled.Token));

        Assert.Equal([(1UL, 1UL), (0UL, 1UL), (1UL, 1UL), (0UL, 1UL)], buzzer.Writes.ToArray());
        Assert.False(panel.Get("buzzer"));
    }

    [Fact]
    public void Simulated_lamps_are_observable()
    {
        var panel = new SimulatedLampPanel(Lamps, "buzzer");
        var changes = new List<(string, bool)>();
        panel.Changed += (_, e) => changes.Add((e.LampId, e.Lit));

        panel.Set("umum", true);

        Assert.True(panel.Get("umum"));
        Assert.False(panel.Get("printer-problem"));
        Assert.Equal([("umum", true)], changes);
    }

    [Fact]
    public async Task Simulated_beeps_are_counted()
    {
        var panel = new SimulatedLampPanel(Lamps, "buzzer");

        await panel.BeepAsync(TimeSpan.FromMilliseconds(5));
        await panel.BeepAsync(TimeSpan.FromMilliseconds(5));

        Assert.Equal(2, panel.BeepCount);
        Assert.False(panel.Get("buzzer"));
    }

    [Fact]
    public void Unknown_lamps_and_a_buzzer_that_is_not_an_output_are_clear_errors()
    {
        var panel = new SimulatedLampPanel(Lamps);

        Assert.Contains("Unknown lamp \"gigi\"", Assert.Throws<ArgumentException>(() => panel.Set("gigi", true)).Message, StringComparison.Ordinal);
        var error = Assert.Throws<DeviceConfigurationException>(() => new SimulatedLampPanel(Lamps, "horn"));
        Assert.Contains("buzzer \"horn\" bukan salah satu keluaran yang dikonfigurasi", error.Message, StringComparison.Ordinal);
    }
}
