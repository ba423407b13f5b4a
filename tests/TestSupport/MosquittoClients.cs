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
}
