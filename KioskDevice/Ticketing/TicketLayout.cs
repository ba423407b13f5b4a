using System.Globalization;
using Kiosk.Contract;
using Kiosk.Device.Configuration;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using T = Kiosk.Device.Text.Teks.Pasien.Tiket;

namespace Kiosk.Device.Ticketing;

/// <summary>
/// The patient's ticket in Bahasa Indonesia, for 58 and 80 mm paper: who issued it, the number as large as the paper
/// allows, when, how many are ahead and roughly how long, what to bring, a QR code with the ticket id, the complaint
/// channels, and "keep this ticket". A personal card number is never printed in full. What patients ask at the
/// loket is answered on the paper: valid today only, where to wait, which loket calls, what happens after a missed
/// call (from the queue's recall rule). Words for priority kinds come from the configured labels.
/// </summary>
public sealed class TicketLayout(SiteOptions site, PaperProfile paper, EscPosCodePage codePage, TimeZoneInfo zone, MonoBitmap? logo = null, bool qrAsImage = false, QueueEngineOptions? queue = null)
{
    private readonly PatientLabels labels = queue?.Labels ?? new PatientLabels();

    private bool Narrow => paper.Columns < 48;

    /// <summary>
    /// The QR payload, never personal data: with a patient page configured (<see cref="SiteOptions.PatientPageUrl"/>), its
    /// address and the ticket's token, which a phone camera opens; otherwise (or for a ticket without a token) the ticket's
    /// internal id, which a counter scanner can look up.
    /// </summary>
    public static string QrPayload(Ticket ticket, string? patientPageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return !string.IsNullOrEmpty(patientPageUrl) && ticket.PatientToken is { } token
            ? patientPageUrl + token
            : $"ANTREAN:{ticket.Id:D}";
    }

    private bool HasPatientPage(Ticket ticket) => !string.IsNullOrEmpty(site.PatientPageUrl) && ticket.PatientToken is not null;

    public byte[] Render(TicketPrintModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ticket = model.Ticket;
        // A booking prints when its patient checks in: the time on the ticket is that arrival, not when BPJS booked it.
        var issuedLocal = TimeZoneInfo.ConvertTime(ticket.CheckedInAt ?? ticket.IssuedAt, zone);
        var ticketText = new EscPosBuilder(paper, codePage).Initialize().SelectCodePage(codePage);

        ticketText.Align(Alignment.Center);
        if (logo is not null)
        {
            ticketText.Image(logo);
        }

        ticketText.Bold().Line(site.Name.ToUpperInvariant()).Bold(false);
        if (!string.IsNullOrWhiteSpace(site.Address))
        {
            ticketText.Line(site.Address);
        }

        if (!string.IsNullOrWhiteSpace(site.Phone))
        {
            ticketText.Line(T.Phone(site.Phone));
        }

        ticketText.Divider();
        if (model.IsReprint)
        {
            // Text + NewLine, not Line: the wrapper trims the band's trailing space, which makes the black band lopsided.
            ticketText.Reverse().Bold().Text(T.Reprint).Bold(false).Reverse(false).NewLine();
        }

        if (ticket.IsBooking)
        {
            // The patient booked in Mobile JKN: the officer sees at a glance why this number came in out of turn.
            ticketText.Reverse().Bold().Text(T.MobileJkn).Bold(false).Reverse(false).NewLine();
        }

        ticketText.Line(T.NumberHeading);
        ticketText.Bold().Size(1, 2).Line(model.ServiceName.ToUpperInvariant()).NormalSize().Bold(false);

        var scale = ticketText.LargestWidthFor(ticket.Number);
        ticketText.Bold().Size(scale, scale).Line(ticket.Number).NormalSize().Bold(false);
        ticketText.Line(IndonesianTime.Date(issuedLocal));
        ticketText.Line(T.IssuedAt(IndonesianTime.Time(issuedLocal, zone)));
        ticketText.Bold().Line(T.TodayOnly).Bold(false);
        ticketText.Divider();

        ticketText.Align(Alignment.Left);
        ticketText.Line(model.PeopleAhead == 0 ? T.NobodyAhead : T.PeopleAhead(model.PeopleAhead));
        var estimate = model.EstimatedWait is { } wait ? IndonesianTime.Duration(wait) : T.UntilCountersOpen;
        LabelledLine(ticketText, T.EstimatedWait, estimate);
        if (ticket.FamilySize > 1)
        {
            ticketText.Line(T.Family(ticket.FamilySize));
        }

        if (ticket.Priority == PriorityKind.Unspecified)
        {
            ticketText.Bold().Line(T.Priority).Bold(false);
        }
        else if (ticket.Priority != PriorityKind.None)
        {
            ticketText.Bold().Line(T.PriorityOf(labels.For(ticket.Priority))).Bold(false);
        }

        if (ticket.CardData is { } card)
        {
            LabelledLine(ticketText, T.Labelled(CardText(card.Kind)), card.Masked);
        }

        Directions(ticketText, ticket.ServiceCode);
        if (model.WhatToBring.Count > 0)
        {
            ticketText.Divider().Bold().Line(T.PleasePrepare).Bold(false);
            foreach (var item in model.WhatToBring)
            {
                HangingLine(ticketText, "- ", item);
            }
        }

        ticketText.Divider().Align(Alignment.Center);
        // Some POS-58 clones print GS ( k as text: for them the QR goes as a raster image.
        if (qrAsImage)
        {
            ticketText.QrImage(QrPayload(ticket, site.PatientPageUrl), moduleSize: Narrow ? 5 : 6);
        }
        else
        {
            ticketText.Qr(QrPayload(ticket, site.PatientPageUrl), moduleSize: Narrow ? 5 : 6);
        }

        if (HasPatientPage(ticket))
        {
            // The page is on the Puskesmas network only: say so, or a patient on mobile data sees an error and gives up.
            ticketText.Line(T.ScanQr).Line(T.ScanQrWifi);
        }

        ticketText.Bold();
        if (Narrow)
        {
            ticketText.Line(T.KeepTicket).Line(T.UntilCalled);
        }
        else
        {
            ticketText.Line(T.KeepTicketShort);
        }

        ticketText.Bold(false);

        var complaints = site.Complaints.PrintableLines().ToList();
        if (complaints.Count > 0)
        {
            ticketText.Feed().Line(T.Complaints);
            foreach (var line in complaints)
            {
                ticketText.Line(line);
            }
        }

        // Cut feeds exactly what the cutter needs to clear the last line; more is blank paper.
        ticketText.Cut(partial: true);
        return ticketText.ToArray();
    }

    /// <summary>Where to wait, which loket calls this service, and what a missed call means (the recall rule).</summary>
    private void Directions(EscPosBuilder ticketText, string serviceCode)
    {
        if (!string.IsNullOrWhiteSpace(site.WaitingArea))
        {
            HangingLine(ticketText, T.WaitAt, site.WaitingArea);
        }

        var counters = queue?.Counters.Where(c => c.Services.Contains(serviceCode, StringComparer.Ordinal)).Select(c => c.Name).ToList() ?? [];
        if (counters.Count > 0)
        {
            HangingLine(ticketText, T.CalledTo, string.Join(", ", counters));
        }

        if (queue is { MaxCallsBeforeNoShow: > 0 } rules)
        {
            ticketText.Line(T.CalledTimes(rules.MaxCallsBeforeNoShow));
        }
    }

    /// <summary>"- item" with wrapped lines indented under the item, not under the dash.</summary>
    private void HangingLine(EscPosBuilder ticketText, string lead, string text)
    {
        var lines = TextWrapper.Wrap(text, Math.Max(8, paper.Columns - lead.Length));
        var indent = new string(' ', lead.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            ticketText.Line((i == 0 ? lead : indent) + lines[i]);
        }
    }

    /// <summary>"Label: value" on one line when it fits the paper, otherwise the value on its own line below.</summary>
    private void LabelledLine(EscPosBuilder ticketText, string label, string value)
    {
        if (label.Length + 1 + value.Length <= paper.Columns)
        {
            ticketText.Line($"{label} {value}");
        }
        else
        {
            ticketText.Line(label).Line($"  {value}");
        }
    }

    public static string CardText(CardKind kind) => kind switch
    {
        CardKind.MedicalRecord => T.MedicalRecord,
        CardKind.Bpjs => T.BpjsCard,
        CardKind.Nik => "NIK",
        CardKind.JknBooking => T.JknBooking,
        _ => T.Card,
    };
}
