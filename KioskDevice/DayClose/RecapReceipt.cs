using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.Queue.Statistics;

namespace Kiosk.Device.DayClose;

/// <summary>
/// The recap on the ticket printer (<c>recap --print</c>), for a Puskesmas without an office printer: the same
/// sections and words as the HTML page (<see cref="RecapSheet"/>), laid out for 58 or 80 mm paper. Two-column tables
/// print as "label .... value" rows; wider tables print one block per row with only the figures that are not empty.
/// </summary>
public static class RecapReceipt
{
    public static byte[] Render(string siteName, DailyRecap recap, PaperProfile paper, EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(recap);
        var page = new EscPosBuilder(paper, codePage).Initialize().SelectCodePage(codePage).Align(Alignment.Center)
            .Bold().Line(RecapSheet.Title(siteName, recap)).Bold(false).Divider().Align(Alignment.Left);
        if (recap.HasNoData)
        {
            return page.Line(RecapSheet.NoData).Cut(partial: true).ToArray();
        }

        foreach (var section in RecapSheet.Sections(recap))
        {
            page.Bold().Line(section.Caption).Bold(false);
            foreach (var row in section.Rows)
            {
                if (row.Length == 2)
                {
                    page.Row(row[0], row[1]);
                    continue;
                }

                page.Line(row[0]);
                for (var column = 1; column < row.Length && column < section.Header.Count; column++)
                {
                    if (row[column] is not ("-" or "0"))
                    {
                        page.Row($"  {section.Header[column]}", row[column]);
                    }
                }
            }

            if (section.Note is { } note)
            {
                page.Line(note);
            }

            page.Divider();
        }

        return page.Cut(partial: true).ToArray();
    }
}
