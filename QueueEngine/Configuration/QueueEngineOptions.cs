using Kiosk.Queue.Model;

namespace Kiosk.Queue.Configuration;

public sealed class QueueEngineOptions
{
    public string DatabasePath { get; set; } = "";
    public string SiteId { get; set; } = "";
    /// <summary>IANA zone of the site: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).</summary>
    public string TimeZoneId { get; set; } = "Asia/Jakarta";
    public IList<ServiceOptions> Services { get; } = [];
    public IList<CounterOptions> Counters { get; } = [];
    public IList<PoliOptions> Polis { get; } = [];
    /// <summary>Priority tickets called in a row before one normal ticket gets its turn (0 = normal first).</summary>
    public int PriorityCallsPerNormalCall { get; set; } = 2;
    /// <summary>Calls (first call + recalls) without answer before a ticket becomes no-show.</summary>
    public int MaxCallsBeforeNoShow { get; set; } = 3;
    public ReturnPlacement ReturnPlacement { get; set; } = ReturnPlacement.AfterWaiting;
    /// <summary>For <see cref="ReturnPlacement.AfterWaiting"/>: how many waiting tickets go before a returning one.</summary>
    public int ReturnAfterWaiting { get; set; } = 2;
    /// <summary>Business days kept in the database; older ones are exported to CSV and deleted.</summary>
    public int RetentionDays { get; set; } = 90;
    /// <summary>Where retention writes its CSV files; defaults to "archive" next to the database.</summary>
    public string? RetentionExportDirectory { get; set; }
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The words printed and shown for categories, payers and priority kinds (Queue:Labels).</summary>
    public PatientLabels Labels { get; } = new();
    /// <summary>How many recent service times feed the estimated wait.</summary>
    public int RecentServiceSample { get; set; } = 20;
    /// <summary>
    /// How many days after the running business day a Mobile JKN booking may be for (0: the running day only). The
    /// numbers of a later day are held from the moment of booking; the card numbers with them stay in the ticket log
    /// until that day closes, so a long horizon keeps card data longer. At most 30: the BPJS bridge keeps which poli a
    /// booking was for a month.
    /// </summary>
    public int BookingDaysAhead { get; set; } = 7;
}
