using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Simulator.Terminal;

/// <summary>
/// The kiosk's front panel in a terminal: a key presses a service button, a typed line is a scan, and lines starting
/// with '!' play the printer's faults or a loket officer. Every printed ticket is shown as text and saved as HTML; every
/// message the kiosk publishes is echoed as the waiting-room display receives it.
/// </summary>
public sealed class TerminalFrontPanel(SimulatorSession session, TextWriter output)
{
    private readonly Dictionary<int, IMqttClient> counters = [];
    private readonly Lock writeGate = new();
    private int commandNumber;

    public async Task RunAsync(TextReader input, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = session.Services.GetRequiredService<IOptions<KioskOptions>>().Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone);
        session.Printer.ReceiptPrinted += (_, printed) =>
        {
            var text = ReceiptRenderer.ToPlainText(printed.Receipt);
            var file = Kiosk.Device.Printing.PrintPreviews.Save(printed.Receipt, session.DataDirectory, "tiket", zone, DateTimeOffset.UtcNow);
            Write($"----- tiket tercetak ({file}) -----\n{text}\n-----------------------------------");
        };
        session.Activity.Happened += (_, happened) => Write($"[kiosk] {happened.Source}: {happened.Message}");
        await using var display = await WatchAsDisplayAsync(cancellationToken);
        PrintHelp(options);

        var lines = Channel.CreateUnbounded<string>();
        // The reader completes the channel at end of input; a key reader runs until the process ends.
        _ = interactive ? ReadKeys(options, lines.Writer, cancellationToken) : ReadLines(input, lines.Writer, cancellationToken);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken))
            {
                if (!await HandleAsync(line.Trim(), options, cancellationToken))
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var client in counters.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task<bool> HandleAsync(string line, KioskOptions options, CancellationToken cancellationToken)
    {
        if (line.Length == 0)
        {
            return true;
        }

        var button = options.Buttons.FirstOrDefault(b => line.Length == 1 && b.Key == line[0]);
        if (button is not null)
        {
            Write($"[tombol] {button.Label}");
            session.Buttons.Press(button.Id);
            return true;
        }

        if (!line.StartsWith('!'))
        {
            Write($"[pindai] {line.Length} karakter");
            session.Scanner.Scan(line);
            return true;
        }

        var parts = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = parts.Length > 0 ? parts[0].ToLowerInvariant() : string.Empty;
        var counter = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        switch (verb)
        {
            case "keluar" or "quit":
                return false;
            case "kertas-habis" or "paper-out":
                session.SetPrinter(VirtualPrinterState.PaperOut);
                break;
            case "kertas-tipis" or "paper-low":
                session.SetPrinter(VirtualPrinterState.PaperNearEnd);
                break;
            case "tutup-terbuka" or "cover-open":
                session.SetPrinter(VirtualPrinterState.CoverOpen);
                break;
            case "printer-mati" or "offline":
                session.SetPrinter(VirtualPrinterState.Offline);
                break;
            case "printer-ok" or "ok":
                session.SetPrinter(VirtualPrinterState.Ok);
                break;
            case "panggil":
                await CounterAsync(counter, CommandType.CallNext, null, cancellationToken);
                break;
            case "ulang":
                await CounterAsync(counter, CommandType.Recall, null, cancellationToken);
                break;
            case "lewati":
                await CounterAsync(counter, CommandType.Skip, null, cancellationToken);
                break;
            case "selesai":
                await CounterAsync(counter, CommandType.Serve, null, cancellationToken);
                break;
            case "teruskan":
            case "rujuk":
                await CounterAsync(counter, CommandType.Transfer, parts.Length > 2 ? parts[2] : "P-UMUM", cancellationToken);
                break;
            default:
                PrintHelp(options);
                break;
        }

        return true;
    }

    private async Task CounterAsync(int counter, CommandType type, string? poli, CancellationToken cancellationToken)
    {
        if (counter < 1 || counter > session.Broker.CounterCount)
        {
            Write($"Loket {counter} tidak ada (1..{session.Broker.CounterCount}).");
            return;
        }

        if (!counters.TryGetValue(counter, out var client))
        {
            client = await ConnectAsync(BrokerRoles.Counter(counter), [new SiteTopics(session.Site).Reply(counter)], cancellationToken);
            counters[counter] = client;
            _ = EchoAsync(client, $"loket {counter}", cancellationToken);
        }

        var id = $"term-{Environment.ProcessId}-{Interlocked.Increment(ref commandNumber)}";
        var command = ContractJson.SerializeToUtf8Bytes(new CounterCommandMessage { CommandId = id, Type = type, Poli = poli, SentAt = DateTimeOffset.UtcNow });
        await client.PublishAsync(new MqttApplicationMessage(new SiteTopics(session.Site).Command(counter), command, MqttQos.AtLeastOnce), cancellationToken);
    }

    private async Task<IMqttClient> WatchAsDisplayAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(BrokerRoles.Display, [new SiteTopics(session.Site).All], cancellationToken);
        _ = EchoAsync(client, "display", cancellationToken);
        return client;
    }

    private async Task<IMqttClient> ConnectAsync(string role, string[] filters, CancellationToken cancellationToken)
    {
        var user = session.Broker.For(role);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = session.Broker.Host,
            Port = session.Broker.Port,
            ClientId = $"terminal-{role}-{Environment.ProcessId}",
            Username = user.Username,
            Password = user.Password,
        });
        client.StateChanged += (_, change) =>
        {
            if (change.NewState == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        };
        await client.StartAsync(cancellationToken);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        await client.SubscribeAsync(filters.Select(f => new MqttTopicFilter(f, MqttQos.AtLeastOnce)).ToArray(), cancellationToken);
        return client;
    }

    private async Task EchoAsync(IMqttClient client, string who, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(cancellationToken))
            {
                var payload = Encoding.UTF8.GetString(message.Payload.Span);
                Write($"[{who}] {message.Topic}{(message.Retain ? " (retained)" : string.Empty)}: {(payload.Length > 220 ? payload[..220] + "..." : payload)}");
            }
        }
        catch (OperationCanceledException)
        {
            // Session ends.
        }
    }

    private static Task ReadLines(TextReader input, ChannelWriter<string> lines, CancellationToken cancellationToken) => Task.Run(
        async () =>
        {
            while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken) is { } line)
            {
                await lines.WriteAsync(line, cancellationToken);
            }

            lines.TryComplete();
        },
        cancellationToken);

    /// <summary>Interactive: a button key on an empty line presses at once; anything else builds a line until Enter.</summary>
    private static Task ReadKeys(KioskOptions options, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        var buttonKeys = options.Buttons.Select(b => b.Key).Where(k => k != default).ToHashSet();
        var thread = new Thread(() =>
        {
            var buffer = new StringBuilder();
            while (!cancellationToken.IsCancellationRequested)
            {
                var key = Console.ReadKey(intercept: true);
                if (buffer.Length == 0 && buttonKeys.Contains(key.KeyChar))
                {
                    lines.TryWrite(key.KeyChar.ToString());
                }
                else if (key.Key == ConsoleKey.Enter)
                {
                    Console.WriteLine();
                    lines.TryWrite(buffer.ToString());
                    buffer.Clear();
                }
                else if (key.Key == ConsoleKey.Backspace && buffer.Length > 0)
                {
                    buffer.Length--;
                    Console.Write("\b \b");
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    buffer.Append(key.KeyChar);
                    Console.Write(key.KeyChar);
                }
            }
        })
        { IsBackground = true, Name = "terminal-keys" };
        thread.Start();
        return Task.CompletedTask;
    }

    private void PrintHelp(KioskOptions options)
    {
        var help = new StringBuilder();
        help.AppendLine(CultureInfo.InvariantCulture, $"Kiosk {options.Site.Name} (simulasi) - broker 127.0.0.1:{session.Broker.Port}, data {session.DataDirectory}");
        foreach (var button in options.Buttons)
        {
            help.AppendLine(CultureInfo.InvariantCulture, $"  tombol '{button.Key}'  {button.Label}");
        }

        help.AppendLine("  ketik lalu Enter  pindai kartu (mis. RM000123, 0001234567890, NIK 16 digit)");
        help.AppendLine("  !kertas-habis !kertas-tipis !tutup-terbuka !printer-mati !printer-ok");
        help.AppendLine("  !panggil N  !ulang N  !lewati N  !selesai N  !teruskan N POLI   (sebagai loket N)");
        help.Append("  !keluar atau Ctrl+C");
        Write(help.ToString());
    }

    private void Write(string text)
    {
        lock (writeGate)
        {
            output.WriteLine(text);
        }
    }
}
