using Kiosk.Contract.District;
using Kiosk.Contract.Json;
using Kiosk.DistrictLink.Configuration;
using Kiosk.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Kiosk.DistrictLink.Forwarding;

/// <summary>
/// Tells the district every <see cref="DistrictLinkOptions.HeartbeatSeconds"/> that this link lives and how far behind
/// the kiosk it is, on core NATS: best effort, never stored (a heartbeat only matters while fresh, and the district
/// judges "terputus" by them stopping).
/// </summary>
public sealed partial class LinkHeartbeatService(
    INatsConnection nats,
    IMqttClient mqtt,
    LinkProgress progress,
    IOptions<DistrictLinkOptions> options,
    TimeProvider time,
    ILogger<LinkHeartbeatService> logger) : BackgroundService
{
    private readonly DistrictLinkOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subject = DistrictSubjects.Link(settings.Site);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds), time);
        do
        {
            var heartbeat = Compose();
            try
            {
                await nats.PublishAsync(subject, ContractJson.SerializeToUtf8Bytes(heartbeat), cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogHeartbeatFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal LinkHeartbeat Compose() => new()
    {
        Site = settings.Site,
        SentAt = time.GetLocalNow(),
        SiteBrokerConnected = mqtt.State == MqttConnectionState.Connected,
        LastForwardedSequence = progress.LastForwardedSequence,
        SiteSequence = progress.SiteSequence,
        HeartbeatSeconds = settings.HeartbeatSeconds,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link heartbeat not sent: {Reason}")]
    private partial void LogHeartbeatFailed(string reason);
}
