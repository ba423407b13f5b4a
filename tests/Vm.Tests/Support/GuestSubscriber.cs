using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Kiosk.Vm.Tests.Support;

/// <summary>
/// mosquitto_sub on this side, connected to the guest's Mosquitto through the forwarded port: the host's witness of
/// what the kiosk published. Collects every message of the events topic as JSON.
/// </summary>
internal sealed class GuestSubscriber : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<JsonElement> events = new();
    private readonly ConcurrentQueue<string> errors = new();

    private GuestSubscriber(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
            {
                try
                {
                    events.Enqueue(JsonDocument.Parse(line[(space + 1)..]).RootElement.Clone());
                }
                catch (JsonException)
                {
                    errors.Enqueue(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { errors.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<JsonElement> Events => [.. events];

    /// <summary>Starts mosquitto_sub and returns once its SUBACK came (-d prints it), so nothing published after is missed.</summary>
    public static async Task<GuestSubscriber> StartAsync(int port, string user, string password, string topic, TimeSpan timeout)
    {
        var subscriber = Start(port, user, password, topic);
        var deadline = DateTime.UtcNow + timeout;
        while (!subscriber.errors.Any(line => line.Contains("SUBACK", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline || subscriber.process.HasExited)
            {
                var said = string.Join(" | ", subscriber.errors);
                await subscriber.DisposeAsync();
                throw new TimeoutException($"mosquitto_sub to the guest was not subscribed within {timeout.TotalSeconds:0} s: {said}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return subscriber;
    }

    private static GuestSubscriber Start(int port, string user, string password, string topic)
    {
        var start = new ProcessStartInfo("stdbuf") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-u", user, "-P", password, "-q", "1", "-v", "-d", "-t", topic, "-W", "1800" })
        {
            start.ArgumentList.Add(argument);
        }

        return new GuestSubscriber(Process.Start(start)!);
    }

    /// <summary>The number of the first ticket.issued event after the first <paramref name="skip"/> events that satisfies nothing else.</summary>
    public async Task<string> WaitIssuedAsync(int skip, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var issued = Events.Skip(skip).FirstOrDefault(e => e.GetProperty("type").GetString() == "ticket.issued");
            if (issued.ValueKind == JsonValueKind.Object)
            {
                return issued.GetProperty("data").GetProperty("number").GetString()!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No ticket.issued within {timeout.TotalSeconds:0} s; mosquitto_sub said: {string.Join(" | ", errors)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
