using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiosk.Broker;

namespace Kiosk.Mqtt.Bench;

/// <summary>The baseline: Mosquitto's own C clients against the same broker.</summary>
internal sealed class MosquittoTools(PrivateBroker broker, BrokerCredentials user)
{
    private const int WarmUp = 200;

    /// <summary>One mosquitto_pub process publishing the message N times (--repeat), timed from start to exit.</summary>
    public async Task<double> PublishThroughputAsync(MqttQos qos, int messages, byte[] payload)
    {
        var start = Start("mosquitto_pub", ["-t", BenchTopics.Throughput, "-q", ((int)qos).ToString(CultureInfo.InvariantCulture), "-m", Encoding.ASCII.GetString(payload), "--repeat", messages.ToString(CultureInfo.InvariantCulture)]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub failed ({process.ExitCode}): {await errors}");
        }

        return messages / seconds;
    }

    /// <summary>
    /// mosquitto_pub -l reads one line per message from its stdin; mosquitto_sub prints each message it gets.
    /// One line at a time, timed from our write to its stdin to the line appearing on mosquitto_sub's stdout.
    /// </summary>
    public async Task<Percentiles> RoundTripAsync(int roundTrips, byte[] payload)
    {
        var topic = BenchTopics.RoundTripC;
        var subStart = Start("stdbuf", ["-oL", PrivateBroker.FindTool("mosquitto_sub"), "-t", topic, "-q", "1", "-d"], prefixTool: false);
        using var sub = Process.Start(subStart)!;
        try
        {
            // Wait for "Subscribed" in mosquitto_sub's debug output before publishing anything.
            while (await sub.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Subscribed", StringComparison.Ordinal))
            {
            }

            var pubStart = Start("mosquitto_pub", ["-t", topic, "-q", "1", "-l"]);
            pubStart.RedirectStandardInput = true;
            using var pub = Process.Start(pubStart)!;
            var text = Encoding.ASCII.GetString(payload);
            var samples = new List<double>(roundTrips);
            for (var i = 0; i < roundTrips + WarmUp; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await pub.StandardInput.WriteLineAsync(text);
                await pub.StandardInput.FlushAsync();
                while (await sub.StandardOutput.ReadLineAsync() is { } line && line != text)
                {
                    // -d debug lines (PUBLISH received, PUBACK sent) interleave with the payload line.
                }

                var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (i >= WarmUp)
                {
                    samples.Add(elapsed);
                }
            }

            pub.StandardInput.Close();
            await pub.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return Percentiles.Of(samples);
        }
        finally
        {
            if (!sub.HasExited)
            {
                sub.Kill();
            }

            await sub.WaitForExitAsync();
        }
    }

    private ProcessStartInfo Start(string tool, string[] arguments, bool prefixTool = true)
    {
        var start = new ProcessStartInfo(prefixTool ? PrivateBroker.FindTool(tool) : tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-u", user.Username, "-P", user.Password })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
