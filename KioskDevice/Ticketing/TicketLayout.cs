using System.Globalization;
using Kiosk.Device.Configuration;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.Queue.Model;

namespace Kiosk.Device.Ticketing;

/// <summary>
/// The patient's ticket in Bahasa Indonesia, for 58 and 80 mm paper: who issued it, the number as large as the paper
/// allows, when, how many are ahead and roughly how long, what to bring, a QR code with the ticket id, the complaint
/// channels, and "keep this ticket". A personal card number is never printed in full.
/// </summary>
public sealed class TicketLayout(SiteOptions site, PaperProfile paper, EscPosCodePage codePage, TimeZoneInfo zone, MonoBitmap? logo = null, bool qrAsImage = false)
{
    private bool Narrow => paper.Columns < 48;

    /// <summary>The QR payload: the ticket's internal id, which a counter scanner can look up; no personal data.</summary>
    public static string QrPayload(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return $"ANTREAN:{ticket.Id:D}";
    }

    public byte[] Render(TicketPrintModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ticket = model.Ticket;
        var issuedLocal = TimeZoneInfo.ConvertTime(ticket.IssuedAt, zone);
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
            ticketText.Line($"Telp. {site.Phone}");
        }

        ticketText.Divider();
        if (model.IsReprint)
        {
            ticketText.Reverse().Bold().Line(" CETAK ULANG ").Bold(false).Reverse(false);
        }

        ticketText.Line("NOMOR ANTREAN");
        ticketText.Bold().Size(1, 2).Line(model.ServiceName.ToUpperInvariant()).NormalSize().Bold(false);

        var scale = ticketText.LargestWidthFor(ticket.Number);
        ticketText.Bold().Size(scale, scale).Line(ticket.Number).NormalSize().Bold(false);
        ticketText.Line(IndonesianTime.Date(issuedLocal));
        ticketText.Line($"Pukul {IndonesianTime.Time(issuedLocal, zone)}");
        ticketText.Divider();

        ticketText.Align(Alignment.Left);
        ticketText.Line(model.PeopleAhead == 0 ? "Tidak ada antrean di depan Anda." : $"Antrean di depan Anda: {model.PeopleAhead.ToString(CultureInfo.InvariantCulture)} orang");
        var estimate = model.EstimatedWait is { } wait ? IndonesianTime.Duration(wait) : "menunggu loket dibuka";
        LabelledLine(ticketText, "Perkiraan waktu tunggu:", estimate);
        if (ticket.FamilySize > 1)
        {
            ticketText.Line($"Berlaku untuk {ticket.FamilySize.ToString(CultureInfo.InvariantCulture)} orang (satu keluarga)");
        }

        if (ticket.Priority != PriorityClass.None)
        {
            ticketText.Bold().Line($"Antrean prioritas: {PriorityText(ticket.Priority)}").Bold(false);
        }

        if (ticket.CardData is { } card)
        {
            LabelledLine(ticketText, $"{CardText(card.Kind)}:", card.Masked);
        }

        if (model.WhatToBring.Count > 0)
        {
            ticketText.Divider().Bold().Line("Harap siapkan:").Bold(false);
            foreach (var item in model.WhatToBring)
            {
                ticketText.Line($"- {item}");
            }
        }

        ticketText.Divider().Align(Alignment.Center);
        // Some POS-58 clones print GS ( k as text: for them the QR goes as a raster image.
        if (qrAsImage)
        {
            ticketText.QrImage(QrPayload(ticket), moduleSize: Narrow ? 5 : 6);
        }
        else
        {
            ticketText.Qr(QrPayload(ticket), moduleSize: Narrow ? 5 : 6);
        }

        ticketText.Bold();
        if (Narrow)
        {
            ticketText.Line("Simpan tiket ini").Line("sampai nomor Anda dipanggil");
        }
        else
        {
            ticketText.Line("Simpan tiket ini sampai dipanggil");
        }

        ticketText.Bold(false);

        var complaints = site.Complaints.PrintableLines().ToList();
        if (complaints.Count > 0)
        {
            ticketText.Feed().Line("Saran dan pengaduan:");
            foreach (var line in complaints)
            {
                ticketText.Line(line);
            }
        }

        ticketText.Feed(2).Cut(partial: true);
        return ticketText.ToArray();
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

    public static string PriorityText(PriorityClass priority) => priority switch
    {
        PriorityClass.Lansia => "Lansia",
        PriorityClass.IbuHamil => "Ibu hamil",
        PriorityClass.Disabilitas => "Disabilitas",
        PriorityClass.Balita => "Balita",
        _ => "-",
    };

    public static string CardText(CardKind kind) => kind switch
    {
        CardKind.MedicalRecord => "No. rekam medis",
        CardKind.Bpjs => "No. kartu BPJS/KIS",
        CardKind.Nik => "NIK",
        CardKind.JknBooking => "Kode booking JKN",
        _ => "Kartu",
    };
}
