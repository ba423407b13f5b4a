using System.Globalization;

namespace Kiosk.Queue.Statistics;

internal static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static void Row(TextWriter writer, params string?[] fields) => writer.Write(string.Join(",", fields.Select(Field)) + "\n");

    public static string Seconds(TimeSpan? value) =>
        value is { } v ? Math.Round(v.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "";

    public static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "";
}
