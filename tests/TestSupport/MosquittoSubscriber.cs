using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Kiosk.Broker;

namespace Kiosk.TestSupport;

/// <summary>A running <c>mosquitto_sub</c>: started and confirmed subscribed before it is returned, read message by message.</summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<(string Topic, string Payload)> messages = Channel.CreateUnbounded<(string, string)>();
    private readonly TaskCompletionSource<IReadOnlyList<int>> subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reader;

    private MosquittoSubscriber(Process process)
    {
        this.process = process;
        reader = Task.Run(ReadAsync);
    }

    /// <summary>The granted QoS per filter from the SUBACK (128 = refused).</summary>
    public IReadOnlyList<int> GrantedQos { get; private set; } = [];

    public static Task<MosquittoSubscriber> StartAsync(PrivateBroker broker, BrokerCredentials user, params string[] topics) =>
        StartCoreAsync(broker, user, clientId: null, topics);

    /// <summary>
    /// A persistent session (-c) under <paramref name="clientId"/>: the broker keeps QoS 1 messages for it through its
    /// own restart and mosquitto_sub reconnects by itself, so nothing published while either side was away is missed.
    /// </summary>
    public static Task<MosquittoSubscriber> StartPersistentAsync(PrivateBroker broker, BrokerCredentials user, string clientId, params string[] topics) =>
        StartCoreAsync(broker, user, clientId, topics);

    private static async Task<MosquittoSubscriber> StartCoreAsync(PrivateBroker broker, BrokerCredentials user, string? clientId, string[] topics)
    {
        // -W 290: a witness orphaned by a killed test host ends by itself instead of retrying forever (kiosk.sh fails
        // a hung test after 5 minutes, so no live test needs a witness longer).
        // stdbuf: mosquitto_sub block-buffers into a pipe, and we must see "Subscribed" and each message as it happens.
        var start = new ProcessStartInfo("stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-oL", PrivateBroker.FindTool("mosquitto_sub"), "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-u", user.Username, "-P", user.Password, "-i", clientId ?? $"sub-{Guid.NewGuid():N}"[..20], "-d", "-v", "-q", "1", "-W", "290" })
        {
            start.ArgumentList.Add(argument);
        }

        if (clientId is not null)
        {
            start.ArgumentList.Add("-c");
        }

        foreach (var topic in topics)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add(topic);
        }

        var subscriber = new MosquittoSubscriber(Process.Start(start)!);
        var granted = await subscriber.subscribed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        subscriber.GrantedQos = granted;
        return subscriber;
    }

    public async Task<(string Topic, string Payload)> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await messages.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message arrived within {timeout.TotalSeconds:0.#} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        await reader;
        process.Dispose();
    }

    private async Task ReadAsync()
    {
        // With -d, debug lines start with "Client " or "Subscribed"; with -v, a message line is "topic payload".
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Subscribed (mid:", StringComparison.Ordinal))
            {
                var codes = line[(line.IndexOf(':', 16) + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                subscribed.TrySetResult(codes.Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            }
            else if (!line.StartsWith("Client ", StringComparison.Ordinal))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                messages.Writer.TryWrite(space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]));
            }
        }

        subscribed.TrySetException(new InvalidOperationException($"mosquitto_sub ended before subscribing: {await process.StandardError.ReadToEndAsync()}"));
        messages.Writer.TryComplete();
    }
}
