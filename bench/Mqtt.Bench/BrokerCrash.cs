using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Kiosk.Broker;
using NetClientFactory = MQTTnet.MqttClientFactory;
using NetMessageBuilder = MQTTnet.MqttApplicationMessageBuilder;

namespace Kiosk.Mqtt.Bench;

/// <summary>
/// A QoS 1 publish in flight when the broker is SIGKILLed (CleanSession=false), the broker restarted on the same port:
/// does the client deliver the message afterwards? The broker is frozen (SIGSTOP) before the publish, so the PUBLISH
/// sits unread in its socket and can only reach a subscriber if the client sends it again. The message is retained,
/// so a witness (mosquitto_sub) subscribing after the restart sees it whenever it arrived.
/// </summary>
internal static partial class BrokerCrash
{
    private const int SigStop = 19;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static async Task<string> KioskClientAsync(PrivateBroker broker, BrokerCredentials user)
    {
        var topic = BenchTopics.Crash("kiosk-mqtt");
        var payload = Unique("kiosk-mqtt");
        await using var client = await Connection.OpenAsync(broker, user, "bench-crash-kiosk", cleanSession: false);
        Freeze(broker);
        var publish = client.PublishAsync(new MqttApplicationMessage(topic, payload, MqttQos.AtLeastOnce, Retain: true), CancellationToken.None);
        await WaitUntilBrokerHoldsUnreadBytesAsync(broker);
        await broker.KillAsync();
        await broker.RestartAsync();

        // No application code between the crash and the delivery: the client's own loop reconnects and resends.
        string completion;
        try
        {
            await publish.WaitAsync(Bound);
            completion = "PublishAsync completed after the restart";
        }
        catch (TimeoutException)
        {
            completion = $"PublishAsync still pending after {Bound.TotalSeconds:0} s";
        }

        var delivered = await WitnessAsync(broker, user, topic, payload);
        var dup = broker.ReadLog().Contains("Received PUBLISH from bench-crash-kiosk (d1, q1", StringComparison.Ordinal);
        return $"Kiosk.Mqtt: {completion}; delivered to a subscriber: {(delivered ? "yes" : "no")}; resent with DUP=1: {(dup ? "yes" : "no")}";
    }

    public static async Task<string> MqttNetAsync(PrivateBroker broker, BrokerCredentials user)
    {
        var topic = BenchTopics.Crash("mqttnet");
        var payload = Unique("mqttnet");
        var options = MqttNetClient.Options(broker, user, "bench-crash-mqttnet", cleanSession: false);
        using var client = new NetClientFactory().CreateMqttClient();
        await client.ConnectAsync(options, CancellationToken.None);
        Freeze(broker);
        var message = new NetMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();
        var publish = client.PublishAsync(message, CancellationToken.None);
        await WaitUntilBrokerHoldsUnreadBytesAsync(broker);
        await broker.KillAsync();

        string completion;
        try
        {
            var result = await publish.WaitAsync(Bound);
            completion = $"PublishAsync returned {result.ReasonCode}";
        }
        catch (TimeoutException)
        {
            completion = $"PublishAsync still pending after {Bound.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            completion = $"PublishAsync threw {ex.GetType().Name}";
        }

        await broker.RestartAsync();

        // MQTTnet 5 has no reconnecting client: the application connects again itself, with the same persistent session.
        string reconnect;
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions(), CancellationToken.None);
            }

            using var timeout = new CancellationTokenSource(Bound);
            var connected = await client.ConnectAsync(options, timeout.Token);
            reconnect = $"reconnected by the application ({connected.ResultCode}, session present: {connected.IsSessionPresent})";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            reconnect = $"reconnect failed ({ex.GetType().Name})";
        }

        var delivered = await WitnessAsync(broker, user, topic, payload);
        return $"MQTTnet:    {completion}; {reconnect}; delivered to a subscriber: {(delivered ? "yes" : "no")}";
    }

    private static byte[] Unique(string client) =>
        Encoding.ASCII.GetBytes($"{client}-{Guid.NewGuid():N}");

    /// <summary>mosquitto_sub after the restart: the retained message is there only if the client sent it again.</summary>
    private static async Task<bool> WitnessAsync(PrivateBroker broker, BrokerCredentials user, string topic, byte[] payload)
    {
        var start = new ProcessStartInfo(PrivateBroker.FindTool("mosquitto_sub"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-u", user.Username, "-P", user.Password,
                     "-t", topic, "-q", "1", "-C", "1", "-W", "5",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var witness = Process.Start(start)!;
        var output = await witness.StandardOutput.ReadToEndAsync();
        await witness.WaitForExitAsync();
        return output.Trim() == Encoding.ASCII.GetString(payload);
    }

    /// <summary>SIGSTOP Mosquitto: it reads nothing more, so the next PUBLISH stays unacknowledged in its socket.</summary>
    private static void Freeze(PrivateBroker broker)
    {
        if (Kill(FindMosquittoPid(broker), SigStop) != 0)
        {
            throw new InvalidOperationException($"SIGSTOP to Mosquitto failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>The PUBLISH is in flight once the frozen broker's accepted socket has unread bytes (rx_queue in /proc/net/tcp).</summary>
    private static async Task WaitUntilBrokerHoldsUnreadBytesAsync(PrivateBroker broker)
    {
        var local = string.Create(CultureInfo.InvariantCulture, $"0100007F:{broker.Port:X4}");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Bound)
        {
            foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[1] == local && fields[3] == "01" && long.Parse(fields[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) > 0)
                {
                    return;
                }
            }

            await Task.Yield();
        }

        throw new TimeoutException("The publish never reached the frozen broker's socket.");
    }

    private static int FindMosquittoPid(PrivateBroker broker)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (arguments.Length > 2 && Path.GetFileName(arguments[0]) == "mosquitto" && arguments.Contains(broker.ConfigPath))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // A process that ended while we looked.
            }
        }

        throw new InvalidOperationException($"No Mosquitto process runs {broker.ConfigPath}.");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
