using System.Diagnostics;
using System.Globalization;
using Kiosk.Broker;

namespace Kiosk.TestSupport;

/// <summary>Mosquitto's own command-line clients, used as independent witnesses of what the broker allows.</summary>
public static class MosquittoClients
{
    public static async Task PublishAsync(PrivateBroker broker, BrokerCredentials user, string topic, string payload, int qos = 1, bool retain = false)
    {
        var arguments = new List<string>
        {
            "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture),
            "-u", user.Username, "-P", user.Password,
            "-i", $"pub-{Guid.NewGuid():N}"[..20],
            "-t", topic, "-m", payload, "-q", qos.ToString(CultureInfo.InvariantCulture),
        };
        if (retain)
        {
            arguments.Add("-r");
        }

        var start = new ProcessStartInfo(PrivateBroker.FindTool("mosquitto_pub")) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"mosquitto_pub to {topic} did not finish within 15 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub to {topic} as {user.Username} failed ({process.ExitCode}): {await stderr}");
        }
    }

    /// <summary>
    /// Publishes a file's bytes as one message (QoS 1) and returns mosquitto_pub's exit code: for a message the broker
    /// refuses by size, the broker disconnects it and the code is not 0.
    /// </summary>
    public static async Task<int> TryPublishFileAsync(PrivateBroker broker, BrokerCredentials user, string topic, string path)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(user);
        var start = new ProcessStartInfo(PrivateBroker.FindTool("mosquitto_pub")) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-u", user.Username, "-P", user.Password, "-i", $"pub-{Guid.NewGuid():N}"[..20], "-t", topic, "-f", path, "-q", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"mosquitto_pub -f {path} to {topic} did not finish within 15 s.");
        }

        await stderr;
        await stdout;
        return process.ExitCode;
    }
}
