using System.Globalization;
using System.Text;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>
/// The laporan bulanan as a CSV file Excel opens with the right columns on an Indonesian-locale Windows: UTF-8 with a
/// byte-order mark (so the names keep their letters), ';' between fields (the list separator where ',' is the decimal
/// mark), decimal comma, Indonesian headers. A text cell that a spreadsheet would read as a formula is prefixed with
/// an apostrophe.
/// </summary>
public static class ReportCsv
{
    public static IReadOnlyList<string> Headers => DinkesTeks.Staf.ReportHeaders;

    private static readonly NumberFormatInfo Decimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };

    public static byte[] Write(IReadOnlyList<ReportRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Headers);
        foreach (var row in rows)
        {
            Line(csv,
            [
                row.SiteName, row.Site, row.ServiceCode, Whole(row.Visits), Whole(row.New), Whole(row.Returning), Whole(row.Bpjs), Whole(row.Umum),
                Number(row.MedianWaitMinutes), Number(row.P90WaitMinutes), Number(row.MedianServiceMinutes), Number(row.P90ServiceMinutes),
                row.TargetMinutes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Number(row.WithinTargetShare * 100),
                Whole(row.NoShows), Whole(row.TransfersToPoli),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>One decimal, comma as the mark: 12,5.</summary>
    public static string Number(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", Decimal) : string.Empty;

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(';');
            }

            csv.Append(Field(fields[i]));
        }

        csv.Append("\r\n");
    }

    private static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !double.TryParse(text, NumberStyles.Float, Decimal, out _))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
