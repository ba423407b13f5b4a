using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.Device.Text;
using Kiosk.Mqtt;

namespace Kiosk.Device.Tools;

/// <summary>
/// The doctor's BPJS line: reads the BPJS bridge's retained status from the site's broker (as the kiosk's own user, which
/// reads the whole site tree). The bridge may run on another PC of the Puskesmas, so the status on the broker is what
/// says a bridge is there; the setup file only tells "set up here but silent" from "no bridge at all".
/// </summary>
public static class BpjsBridgeCheck
{
    /// <summary>What <c>kiosk-setup --bpjs</c> writes on the machine that runs the bridge.</summary>
    public const string SetupFile = "/etc/kiosk/bpjs.env";

    /// <summary>How long a retained status may take to follow the SUBACK before the broker is taken to have none.</summary>
    public static readonly TimeSpan RetainedWait = TimeSpan.FromSeconds(3);

    public static async Task<DoctorCheck> CheckAsync(KioskOptions options, string setupFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var topics = new SiteTopics(options.Site.Id);
        var connected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Mqtt.Host,
            Port = options.Mqtt.Port,
            ClientId = ClientIds.KioskTool("doctor-bpjs", Environment.ProcessId),
            Username = options.Mqtt.Username,
            Password = options.Mqtt.Password,
            Tls = options.Mqtt.UseTls ? new MqttTlsOptions { CaCertificatePath = options.Mqtt.CaCertificateFile, ServerName = options.Mqtt.ServerName.Length > 0 ? options.Mqtt.ServerName : null } : null,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        client.StateChanged += (_, change) =>
        {
            if (change.NewState == MqttConnectionState.Connected || change.Error is not null)
            {
                connected.TrySetResult(change.NewState == MqttConnectionState.Connected);
            }
        };
        await client.StartAsync(cancellationToken);
        var outcome = await Task.WhenAny(connected.Task, Task.Delay(TimeSpan.FromSeconds(8), cancellationToken));
        if (outcome != connected.Task || !connected.Task.Result)
        {
            return DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsNoBroker, Teks.Teknisi.BpjsNoBrokerFix);
        }

        var granted = await client.SubscribeAsync([new MqttTopicFilter(topics.BpjsStatus, MqttQos.AtLeastOnce)], cancellationToken);
        if (!granted.All(g => g.Succeeded))
        {
            await client.StopAsync(cancellationToken);
            return DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, Teks.Teknisi.SubscriptionRefused(topics.BpjsStatus), Teks.Teknisi.AclFix(options.Site.Id));
        }

        var payload = await RetainedAsync(client, topics.BpjsStatus, cancellationToken);
        await client.StopAsync(cancellationToken);
        return Judge(payload, File.Exists(setupFile), setupFile);
    }

    /// <summary>The line for what the broker held: null (no retained status), an empty payload (cleared) or the status's bytes.</summary>
    internal static DoctorCheck Judge(ReadOnlyMemory<byte>? payload, bool setUpHere, string setupFile)
    {
        if (payload is not { Length: > 0 } bytes)
        {
            return setUpHere
                ? DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsNeverPublished(setupFile), Teks.Teknisi.BpjsNeverPublishedFix)
                : DoctorCheck.Pass(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsSkipped(setupFile));
        }

        if (!BpjsBridgeStatusReader.TryRead(bytes.Span, out var status, out _))
        {
            return DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsUnreadable, Teks.Teknisi.BpjsUnreadableFix);
        }

        // The bridge's last will (or its word at a clean stop): nothing it said before holds any longer.
        if (status.IsOffline)
        {
            return DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsNotRunning, Teks.Teknisi.BpjsNotRunningFix);
        }

        if (status.AllClear)
        {
            return DoctorCheck.Pass(Teks.Teknisi.CheckBpjs, Teks.Teknisi.BpjsAllSent);
        }

        var detail = string.Join("; ", new[] { status.BacklogText, status.RefusedToday > 0 ? Teks.Teknisi.BpjsRefusedToday(status.RefusedToday) : null }.OfType<string>());
        var fix = string.Join(" ", new[] { status.Backlog > 0 ? Teks.Teknisi.BpjsBacklogFix : null, status.RefusedToday > 0 ? Teks.Teknisi.BpjsRefusedFix : null }.OfType<string>());
        return DoctorCheck.Warn(Teks.Teknisi.CheckBpjs, detail, fix);
    }

    private static async Task<ReadOnlyMemory<byte>?> RetainedAsync(MqttClient client, string topic, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(RetainedWait);
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(wait.Token))
            {
                if (message.Topic == topic)
                {
                    return message.Payload;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing retained: the broker sends a retained message right after the SUBACK.
        }

        return null;
    }
}
