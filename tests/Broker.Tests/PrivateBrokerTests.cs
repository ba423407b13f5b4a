namespace Kiosk.Broker.Tests;

public sealed class PrivateBrokerTests
{
    [Fact]
    public async Task Two_private_brokers_run_side_by_side_on_different_ports_and_stop_cleanly()
    {
        await using var first = await PrivateBroker.StartAsync();
        await using var second = await PrivateBroker.StartAsync();

        Assert.NotEqual(first.Port, second.Port);
        await first.StopAsync();
        Assert.False(first.IsRunning);
        Assert.True(second.IsRunning);
    }

    [Fact]
    public async Task A_broker_killed_like_a_power_cut_comes_back_on_the_same_port()
    {
        await using var broker = await PrivateBroker.StartAsync();
        var port = broker.Port;

        await broker.KillAsync();
        await broker.RestartAsync();

        Assert.Equal(port, broker.Port);
        var kiosk = broker.For(BrokerRoles.Kiosk);
        Assert.Equal(0, await MqttConnectProbe.ConnectAsync(broker.Host, broker.Port, "after-restart", kiosk.Username, kiosk.Password, CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_extra_config_line_fails_start_with_mosquittos_own_log()
    {
        var options = new PrivateBrokerOptions { ExtraConfigLines = ["no_such_option 42"], StartTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<BrokerStartException>(() => PrivateBroker.StartAsync(options));

        Assert.Contains("exited during start-up", error.Message, StringComparison.Ordinal);
    }
}
