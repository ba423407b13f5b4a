using Kiosk.Contract.District;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kiosk.District.Cluster;

/// <summary>
/// The one JetStream stream of the district, <see cref="DistrictSubjects.StreamName"/>: every site's events and kiosk
/// status, on file, replicated to min(3, nodes) nodes, kept by age, de-duplicated by Nats-Msg-Id, oldest dropped
/// first. Created by the admin user (setup, the private cluster); the district service and the sites only use it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is JetStream's stream, named as the design names it; not a System.IO.Stream.")]
public static class DistrictStream
{
    /// <summary>The stream's configuration for a cluster of <paramref name="nodes"/> nodes.</summary>
    public static StreamConfig Config(int nodes, DistrictStreamOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        options ??= new DistrictStreamOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetentionDays, 1);
        return new StreamConfig(DistrictSubjects.StreamName, [.. DistrictSubjects.StreamSubjects])
        {
            Description = "Peristiwa dan status kios semua Puskesmas",
            Storage = StreamConfigStorage.File,
            NumReplicas = Math.Min(3, nodes),
            Retention = StreamConfigRetention.Limits,
            MaxAge = TimeSpan.FromDays(options.RetentionDays),
            DuplicateWindow = options.DuplicateWindow,
            Discard = StreamConfigDiscard.Old,
            MaxMsgSize = options.MaxMessageSize,
        };
    }

    /// <summary>Creates the stream, or brings an existing one to this configuration (retention changed by setup).</summary>
    public static async Task<StreamInfo> CreateOrUpdateAsync(INatsJSContext jetStream, int nodes, DistrictStreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jetStream);
        var stream = await jetStream.CreateOrUpdateStreamAsync(Config(nodes, options), cancellationToken).ConfigureAwait(false);
        return stream.Info;
    }

    /// <summary>
    /// True when <paramref name="exception"/> means the cluster cannot store right now: no stream leader (a majority
    /// of the nodes is down, quorum lost), no JetStream answering, or no answer in time. The caller shows its operator
    /// line for it and retries later; nothing it has not been acknowledged is lost.
    /// </summary>
    public static bool IsQuorumLost(Exception exception) => exception switch
    {
        NatsJSApiException api => api.Error.Code == 503,
        NatsNoRespondersException => true,
        NatsJSException js => js.Message.Contains("no response", StringComparison.OrdinalIgnoreCase) || js.InnerException is { } inner && IsQuorumLost(inner),
        NatsException nats => nats.GetType().Name is "NatsNoReplyException" || nats.InnerException is { } inner && IsQuorumLost(inner),
        TimeoutException => true,
        _ => false,
    };
}
