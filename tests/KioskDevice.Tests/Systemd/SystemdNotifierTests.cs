using Kiosk.Device.Health;
using Kiosk.Device.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Device.Tests.Systemd;

public sealed class SystemdNotifierTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Messages_arrive_on_the_notify_socket_as_systemd_reads_them()
    {
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Path);

        Assert.True(notifier.Ready("Kiosk siap: 3 layanan"));
        Assert.Equal("READY=1\nSTATUS=Kiosk siap: 3 layanan", await systemd.ReceiveAsync(Wait));

        notifier.Stopping("Berhenti\nsekarang");
        Assert.Equal("STOPPING=1\nSTATUS=Berhenti sekarang", await systemd.ReceiveAsync(Wait));
    }

    [Fact]
    public void Without_notify_socket_nothing_is_sent_and_nothing_fails()
    {
        using var notifier = new SystemdNotifier(notifySocket: null);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready("x"));
    }

    [Fact]
    public void A_vanished_systemd_socket_is_not_an_error()
    {
        using var notifier = new SystemdNotifier(Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}.sock"));

        Assert.False(notifier.Watchdog());
    }

    [Theory]
    [InlineData("10000000", null, 5.0)]
    [InlineData("10000000", "4242", 5.0)]
    [InlineData("3000000", "", 1.5)]
    public void Watchdog_pings_at_half_the_timeout(string usec, string? pid, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WatchdogSettings.PingInterval(usec, pid, 4242));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("abc", null)]
    [InlineData("10000000", "1")]
    public void No_watchdog_when_not_asked_or_asked_of_another_process(string? usec, string? pid)
    {
        Assert.Null(WatchdogSettings.PingInterval(usec, pid, 4242));
    }

    [Fact]
    public async Task Ready_is_sent_only_when_database_printer_inputs_and_outbox_are_up()
    {
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Path);
        var readiness = new KioskReadiness(notifier);

        readiness.MarkReady(KioskReadiness.Database, "db");
        readiness.MarkReady(KioskReadiness.Printer, "printer");
        readiness.MarkReady(KioskReadiness.Inputs, "inputs");
        Assert.False(readiness.IsReady);
        readiness.MarkReady(KioskReadiness.Outbox, "Kiosk siap");

        var messages = await systemd.ReceiveUntilAsync("READY=1", Wait);
        Assert.Equal(4, messages.Count);
        Assert.All(messages.Take(3), m => Assert.StartsWith("STATUS=Memulai", m, StringComparison.Ordinal));
        Assert.True(readiness.AllReady.IsCompleted);
    }

    [Fact]
    public async Task Components_coming_up_on_many_threads_give_exactly_one_ready()
    {
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Path);
        var readiness = new KioskReadiness(notifier);
        string[] components = [KioskReadiness.Database, KioskReadiness.Printer, KioskReadiness.Inputs, KioskReadiness.Outbox];

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => readiness.MarkReady(components[i % 4], "siap"))));

        Assert.True(readiness.IsReady);
        var messages = await systemd.ReceiveUntilAsync("READY=1", Wait);
        Assert.Single(messages, m => m.Contains("READY=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watchdog_pets_while_loops_beat_and_stops_when_one_stalls()
    {
        // The clock is moved by hand: on a loaded machine a real 300 ms window could pass before the first check.
        var clock = new FakeTimeProvider();
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Path);
        var heartbeats = new LoopHeartbeats(clock);
        heartbeats.Register("outbox");
        using var watchdog = new SystemdWatchdogService(notifier, heartbeats, clock, NullLogger<SystemdWatchdogService>.Instance, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300));

        await watchdog.StartAsync(CancellationToken.None);
        await systemd.ReceiveUntilAsync("WATCHDOG=1", Wait);

        // The loop beats within the window: the next tick pets again.
        clock.Advance(TimeSpan.FromMilliseconds(200));
        heartbeats.Beat("outbox");
        clock.Advance(TimeSpan.FromMilliseconds(20));
        await systemd.ReceiveUntilAsync("WATCHDOG=1", Wait);

        // The outbox loop stops beating: the watchdog must name it and stop petting.
        clock.Advance(TimeSpan.FromMilliseconds(400));
        var stalled = await systemd.ReceiveUntilAsync("Proses macet: outbox", Wait);
        Assert.Contains("Proses macet: outbox", stalled[^1], StringComparison.Ordinal);
        await watchdog.StopAsync(CancellationToken.None);
    }
}
