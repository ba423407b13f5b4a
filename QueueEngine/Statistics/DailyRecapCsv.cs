namespace Kiosk.Queue.Statistics;

/// <summary>
/// The recap as one long CSV table (section, key, metric, value): opens in any spreadsheet, survives new metrics
/// without changing columns. Times are whole seconds, shares are 0..1.
/// </summary>
public static class DailyRecapCsv
{
    public static void Write(DailyRecap recap, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(recap);
        ArgumentNullException.ThrowIfNull(writer);
        Csv.Row(writer, "section", "key", "metric", "value");
        void Total(string metric, string value) => Csv.Row(writer, "total", recap.BusinessDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), metric, value);
        Csv.Row(writer, "site", recap.SiteId, "business_day", recap.BusinessDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Total("issued", Csv.Number(recap.Issued));
        Total("visitors", Csv.Number(recap.Visitors));
        Total("served", Csv.Number(recap.Served));
        Total("no_show", Csv.Number(recap.NoShow));
        Total("transferred", Csv.Number(recap.Transferred));
        Total("cancelled", Csv.Number(recap.Cancelled));
        Total("expired", Csv.Number(recap.Expired));
        Total("voided", Csv.Number(recap.Voided));
        Total("emergency", Csv.Number(recap.Emergency));
        Total("busiest_hour", recap.BusiestHour is { } h ? Csv.Number(h) : "");
        WriteTimes(writer, "total", "all", recap.Overall);
        foreach (var row in recap.ByCategory)
        {
            Csv.Row(writer, "category", row.Key, "label", row.Label);
            Csv.Row(writer, "category", row.Key, "issued", Csv.Number(row.Count));
        }

        foreach (var row in recap.ByPayer)
        {
            Csv.Row(writer, "payer", row.Key, "label", row.Label);
            Csv.Row(writer, "payer", row.Key, "issued", Csv.Number(row.Count));
        }

        foreach (var row in recap.ByPriority)
        {
            Csv.Row(writer, "priority", row.Key, "label", row.Label);
            Csv.Row(writer, "priority", row.Key, "issued", Csv.Number(row.Count));
        }

        foreach (var s in recap.Services)
        {
            var section = s.IsPoli ? "poli" : "service";
            Csv.Row(writer, section, s.Code, "name", s.Name);
            Csv.Row(writer, section, s.Code, "sop_target_s", Csv.Seconds(s.SopTarget));
            Csv.Row(writer, section, s.Code, "issued", Csv.Number(s.Issued));
            Csv.Row(writer, section, s.Code, "served", Csv.Number(s.Served));
            Csv.Row(writer, section, s.Code, "no_show", Csv.Number(s.NoShow));
            Csv.Row(writer, section, s.Code, "transferred", Csv.Number(s.Transferred));
            Csv.Row(writer, section, s.Code, "cancelled", Csv.Number(s.Cancelled));
            Csv.Row(writer, section, s.Code, "expired", Csv.Number(s.Expired));
            Csv.Row(writer, section, s.Code, "emergency", Csv.Number(s.Emergency));
            WriteTimes(writer, section, s.Code, s.Times);
        }

        foreach (var hour in recap.Hours)
        {
            var key = hour.Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            Csv.Row(writer, "hour", key, "issued", Csv.Number(hour.Issued));
            Csv.Row(writer, "hour", key, "called", Csv.Number(hour.Called));
            Csv.Row(writer, "hour", key, "avg_wait_s", Csv.Seconds(hour.AverageWait));
            Csv.Row(writer, "hour", key, "avg_service_s", Csv.Seconds(hour.AverageService));
        }
    }

    private static void WriteTimes(TextWriter writer, string section, string key, TimeStats t)
    {
        Csv.Row(writer, section, key, "avg_wait_s", Csv.Seconds(t.AverageWait));
        Csv.Row(writer, section, key, "p90_wait_s", Csv.Seconds(t.P90Wait));
        Csv.Row(writer, section, key, "avg_service_s", Csv.Seconds(t.AverageService));
        Csv.Row(writer, section, key, "p90_service_s", Csv.Seconds(t.P90Service));
        Csv.Row(writer, section, key, "within_target_share", Csv.Number(t.WithinTargetShare));
    }
}
