using System.Diagnostics.CodeAnalysis;

namespace Kiosk.Contract.District;

/// <summary>
/// The NATS subjects of the district tier, <c>puskesmas.{site}.…</c>. This is the only place they are spelled: the
/// district link publishes on them, the district service's stream and consumer read them, and the cluster's per-site
/// permissions (a site may publish only under its own id) are written from them.
/// </summary>
public static class DistrictSubjects
{
    public const string Prefix = "puskesmas";

    /// <summary>The JetStream stream holding every site's events and kiosk status, replicated R3.</summary>
    public const string StreamName = "PUSKESMAS";

    /// <summary>The district service's durable consumer on <see cref="StreamName"/>.</summary>
    public const string DistrictConsumer = "district";

    /// <summary>What the stream stores: events (day recaps are events) and kiosk status of every site.</summary>
    public static IReadOnlyList<string> StreamSubjects { get; } = [$"{Prefix}.*.events", $"{Prefix}.*.status.*"];

    /// <summary>Link heartbeats of every site: core NATS, never stored (a heartbeat matters only while it is fresh).</summary>
    public static string AnyLink => $"{Prefix}.*.link";

    /// <summary><c>puskesmas.{site}.&gt;</c>: all a site's user may publish.</summary>
    public static string SiteTree(string site) => $"{Prefix}.{Checked(site)}.>";

    /// <summary>
    /// <c>_INBOX.{site}</c>: the inbox prefix of a site's connection, where its JetStream acks come back. A site may
    /// subscribe only below its own, so no site reads another's acks.
    /// </summary>
    public static string SiteInbox(string site) => $"_INBOX.{Checked(site)}";

    public static string Events(string site) => $"{Prefix}.{Checked(site)}.events";

    public static string Status(string site, string kioskId) => $"{Prefix}.{Checked(site)}.status.{Checked(kioskId)}";

    public static string Link(string site) => $"{Prefix}.{Checked(site)}.link";

    /// <summary>
    /// The JetStream de-duplication id of a kiosk status: a status has no id of its own, but a kiosk never composes two
    /// different statuses at the same instant.
    /// </summary>
    public static string StatusMessageId(string site, string kioskId, DateTimeOffset at) =>
        $"status-{site}-{kioskId}-{at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Reads a subject of this tree; false for anything else (a subject from outside is never trusted).</summary>
    public static bool TryParse(string subject, [NotNullWhen(true)] out DistrictSubject? parsed)
    {
        parsed = null;
        if (subject is null)
        {
            return false;
        }

        var levels = subject.Split('.');
        if (levels.Length < 3 || levels[0] != Prefix || !IsToken(levels[1]))
        {
            return false;
        }

        parsed = levels[2..] switch
        {
            ["events"] => new DistrictSubject(levels[1], DistrictSubjectKind.Events, null),
            ["status", var kiosk] when IsToken(kiosk) => new DistrictSubject(levels[1], DistrictSubjectKind.Status, kiosk),
            ["link"] => new DistrictSubject(levels[1], DistrictSubjectKind.Link, null),
            _ => null,
        };
        return parsed is not null;
    }

    /// <summary>A site or kiosk id usable as one subject token: the kiosk's own id rule (letters, digits, '-', '_').</summary>
    public static bool IsToken(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Checked(string token) =>
        IsToken(token) ? token : throw new ArgumentException($"'{token}' is not a site or kiosk id (letters, digits, '-', '_').", nameof(token));
}
