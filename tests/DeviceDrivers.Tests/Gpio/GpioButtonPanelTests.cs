using System.Buffers.Binary;
using Kiosk.DeviceDrivers.Gpio;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>The GPIO panel end to end down to the ioctl seam: request bytes out, recorded kernel event bytes in.</summary>
public sealed class GpioButtonPanelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static ButtonOptions Umum(string line = "17") => new() { Id = "umum", Chip = "gpiochip0", Line = line, DebounceMs = 30, LockoutMs = 2000 };

    private static async Task<List<ButtonEvent>> ReadAsync(GpioButtonPanel panel, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var events = new List<ButtonEvent>();
        while (events.Count < count)
        {
            events.Add(await panel.Events.ReadAsync(timeout.Token));
        }

        return events;
    }

    [Fact]
    public async Task A_bouncing_press_from_the_kernel_becomes_one_press_and_one_release()
    {
        var chip = new FakeGpioChip();
        await using var panel = new GpioButtonPanel([Umum()], _ => chip, () => GpioRecordings.At(1000), null);
        await panel.StartAsync(CancellationToken.None);

        Assert.True(chip.RequestedLines.TryPeek(out var line));
        line.Play(GpioRecordings.BouncyPress);

        Assert.Equal(
            [
                new ButtonEvent("umum", ButtonEventKind.Pressed, GpioRecordings.At(3)),
                new ButtonEvent("umum", ButtonEventKind.Released, GpioRecordings.At(181.2)),
            ],
            await ReadAsync(panel, 2));
    }

    [Fact]
    public async Task The_line_request_carries_bias_active_low_both_edges_and_kernel_debounce()
    {
        var chip = new FakeGpioChip();
        await using var panel = new GpioButtonPanel([Umum(line: "GPIO22")], _ => chip, () => TimeSpan.Zero, null);

        await panel.StartAsync(CancellationToken.None);

        var request = Assert.Single(chip.Requests);
        Assert.Equal(22u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal("kiosk-umum", System.Text.Encoding.ASCII.GetString(request, 256, 10));
        Assert.Equal(0x2UL | 0x4 | 0x10 | 0x20 | 0x100, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(288)));
        Assert.Equal(30_000u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(288 + 32 + 8)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(560)));
    }

    [Fact]
    public async Task A_kernel_without_debounce_support_falls_back_to_software_debounce_with_a_warning()
    {
        var chip = new FakeGpioChip { RefuseKernelDebounce = true };
        var logger = new RecordingLogger();
        await using var panel = new GpioButtonPanel([Umum()], _ => chip, () => GpioRecordings.At(1000), logger);

        await panel.StartAsync(CancellationToken.None);
        Assert.True(chip.RequestedLines.TryPeek(out var line));
        line.Play(GpioRecordings.BouncyPress);

        Assert.Equal(2, chip.Requests.Count);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(chip.Requests[1].AsSpan(288 + 8)));
        Assert.True(logger.Contains(LogLevel.Warning, "kernel debounce refused"));
        Assert.Equal([ButtonEventKind.Pressed, ButtonEventKind.Released], (await ReadAsync(panel, 2)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Lost_kernel_events_are_logged_and_the_line_is_re_read()
    {
        var chip = new FakeGpioChip();
        var logger = new RecordingLogger();
        await using var panel = new GpioButtonPanel([Umum()], _ => chip, () => GpioRecordings.At(1000), logger);
        await panel.StartAsync(CancellationToken.None);
        Assert.True(chip.RequestedLines.TryPeek(out var line));

        line.Level = true;
        line.Play(GpioRecordings.LostEvents);

        Assert.Equal(
            [
                new ButtonEvent("umum", ButtonEventKind.Pressed, GpioRecordings.At(0)),
                new ButtonEvent("umum", ButtonEventKind.Released, GpioRecordings.At(100)),
                new ButtonEvent("umum", ButtonEventKind.Pressed, GpioRecordings.At(300)),
            ],
            await ReadAsync(panel, 3));
        Assert.True(logger.Contains(LogLevel.Warning, "2 GPIO event(s) lost before seqno 5"));
    }

    [Fact]
    public async Task A_ticket_notification_locks_out_the_impatient_second_press()
    {
        var chip = new FakeGpioChip();
        var now = GpioRecordings.At(50);
        await using var panel = new GpioButtonPanel([Umum()], _ => chip, () => now, null);
        await panel.StartAsync(CancellationToken.None);
        Assert.True(chip.RequestedLines.TryPeek(out var line));
        var recording = GpioRecordings.DoublePressThenLaterPress;

        line.Play(recording[..48]);
        Assert.Equal(ButtonEventKind.Pressed, (await ReadAsync(panel, 1))[0].Kind);
        panel.NotifyTicketIssued("umum");
        now = GpioRecordings.At(3000);
        line.Play(recording[48..]);

        Assert.Equal(
            [
                new ButtonEvent("umum", ButtonEventKind.Released, GpioRecordings.At(120)),
                new ButtonEvent("umum", ButtonEventKind.Pressed, GpioRecordings.At(2600)),
                new ButtonEvent("umum", ButtonEventKind.Released, GpioRecordings.At(2700)),
            ],
            await ReadAsync(panel, 3));
    }

    [Fact]
    public async Task A_line_that_does_not_exist_fails_at_start_with_the_chip_and_line_named()
    {
        var chip = new FakeGpioChip(lines: 28);
        await using var panel = new GpioButtonPanel([Umum(line: "40")], _ => chip, () => TimeSpan.Zero, null);

        var error = await Assert.ThrowsAsync<DeviceConfigurationException>(() => panel.StartAsync(CancellationToken.None));

        Assert.Contains("jalur GPIO 40 tidak ada di /dev/gpiochip0 (pinctrl-bcm2711), yang punya 28 jalur", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_name_that_does_not_exist_is_a_clear_error()
    {
        var chip = new FakeGpioChip(lines: 4);
        await using var panel = new GpioButtonPanel([Umum(line: "BUTTON_UMUM")], _ => chip, () => TimeSpan.Zero, null);

        var error = await Assert.ThrowsAsync<DeviceConfigurationException>(() => panel.StartAsync(CancellationToken.None));

        Assert.Contains("tidak ada jalur GPIO bernama \"BUTTON_UMUM\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_releases_the_lines_and_completes_the_event_stream()
    {
        var chip = new FakeGpioChip();
        var panel = new GpioButtonPanel([Umum()], _ => chip, () => TimeSpan.Zero, null);
        await panel.StartAsync(CancellationToken.None);
        Assert.True(chip.RequestedLines.TryPeek(out var line));

        await panel.DisposeAsync();

        Assert.True(line.Disposed);
        using var timeout = new CancellationTokenSource(Wait);
        Assert.False(await panel.Events.WaitToReadAsync(timeout.Token));
    }

    [Fact]
    public async Task A_real_chip_that_does_not_exist_names_the_device()
    {
        await using var panel = new GpioButtonPanel([new ButtonOptions { Id = "umum", Chip = "/dev/gpiochip-kiosk-missing", Line = "17" }]);

        var error = await Assert.ThrowsAsync<GpioException>(() => panel.StartAsync(CancellationToken.None));

        Assert.Contains("chip GPIO /dev/gpiochip-kiosk-missing tidak dapat dibuka: tidak ada (kode sistem 2)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("No such file", error.Message, StringComparison.Ordinal);
    }
}
