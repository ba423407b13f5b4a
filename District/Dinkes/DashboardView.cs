using Kiosk.Contract;

namespace Kiosk.District.Dinkes;

/// <summary>Everything the <c>/dinkes</c> page shows, computed by <see cref="DashboardReader"/> at one instant.</summary>
/// <param name="Banners">The lines at the top of the page, one per outage: the page's own when its query failed and
/// the service's (<see cref="Health.DistrictHealth.Banners"/>) for what the ingest cannot reach.</param>
public sealed record DashboardView(
    DateTimeOffset Now,
    DateOnly BusinessDay,
    bool DatabaseReachable,
    IReadOnlyList<DashboardAlert> Alerts,
    IReadOnlyList<SiteRow> Sites,
    IReadOnlyList<string> Banners)
{
    public static DashboardView Unreachable(DateTimeOffset now, DateOnly day, IReadOnlyList<string> banners) => new(now, day, false, [], [], banners);
}

/// <summary>One Puskesmas as one dashboard row.</summary>
public sealed record SiteRow(
    string Site,
    string Name,
    bool OpenToday,
    IReadOnlyList<ServiceWaiting> Waiting,
    ServiceWaiting? Longest,
    int CallsLastHour,
    IReadOnlyList<KioskRow> Kiosks,
    LinkRow? Link)
{
    public int WaitingTotal => Waiting.Sum(w => w.Count);
}

/// <summary>Patients waiting for one service now, and how long the first of them has waited.</summary>
public sealed record ServiceWaiting(string ServiceCode, int Count, TimeSpan LongestWait, int? TargetMinutes)
{
    public bool OverTarget => TargetMinutes is { } target && LongestWait > TimeSpan.FromMinutes(target);
}

public sealed record KioskRow(string KioskId, KioskState State, DateTimeOffset Since, PrinterCondition Printer, int UnprintedTickets)
{
    /// <summary>True when a patient cannot get a ticket from this kiosk.</summary>
    public bool CannotPrint => State == KioskState.Offline || Printer is PrinterCondition.PaperOut or PrinterCondition.CoverOpen or PrinterCondition.CutterError or PrinterCondition.Offline;
}

public enum KioskState
{
    Online,

    /// <summary>Says online, but its heartbeat is overdue (the contract's two-heartbeat rule).</summary>
    Stale,
    Offline,
}

/// <summary>The site's district link: how many events wait to be forwarded and whether its heartbeat is overdue.</summary>
public sealed record LinkRow(long? Backlog, bool Cut, DateTimeOffset LastHeartbeat, bool SiteBrokerConnected);

public enum AlertKind
{
    /// <summary>No ticket can be printed (paper out, cover open, kiosk offline) while patients wait: the worst.</summary>
    CannotPrintWithWaiting,
    CannotPrint,
    LinkCut,
    StaleKiosk,
    PaperLow,
    LongWait,
}

/// <summary>One line at the top of the dashboard; <see cref="Kind"/> is the harm order.</summary>
public sealed record DashboardAlert(AlertKind Kind, string Site, string SiteName, string Text, int Waiting);
