using Npgsql;

namespace Kiosk.District.Tests.Dinkes;

/// <summary>
/// A morning in a kabupaten at 10.00 WIB (03:00 UTC) on 7 December 2026, four Puskesmas, each with something to say:
/// Kubu's kiosk out of paper with four waiting and an UMUM patient waiting 30 minutes; Rasau Jaya's link cut at 09.50
/// and its kiosk silent; Letung closed for the day; Kokop's kiosk off with two waiting and its second kiosk low on paper.
/// </summary>
internal static class DashboardSeed
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Day = new(2026, 12, 7);

    public static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 12, 7, hour, minute, second, TimeSpan.Zero);

    public static async Task WriteAsync(NpgsqlDataSource database)
    {
        var seed = new DinkesSeed(database);
        await seed.SiteAsync("pkm-kubu", "Puskesmas Kubu");
        await seed.SiteAsync("pkm-rasau", "Puskesmas Rasau Jaya");
        await seed.SiteAsync("pkm-letung", "Puskesmas Letung");
        await seed.SiteAsync("pkm-kokop", "Puskesmas Kokop");

        // Kubu: open; UMUM 3 waiting (oldest 02:30 → 30 min, target 5), BPJS 1 waiting (2 min); 2 served earlier.
        await seed.EventAsync("pkm-kubu", "day.opened", At(0, 0), Day);
        await seed.TicketAsync("pkm-kubu", Day, "UMUM", "waiting", At(2, 30));
        await seed.TicketAsync("pkm-kubu", Day, "UMUM", "waiting", At(2, 45));
        await seed.TicketAsync("pkm-kubu", Day, "UMUM", "waiting", At(2, 50));
        await seed.TicketAsync("pkm-kubu", Day, "BPJS", "waiting", At(2, 58));
        await seed.TicketAsync("pkm-kubu", Day, "UMUM", "served", At(1, 0), At(1, 5), At(1, 5), At(1, 9));
        await seed.TicketAsync("pkm-kubu", Day, "UMUM", "served", At(1, 10), At(1, 15), At(1, 15), At(1, 20));

        // Calls: two in the last hour (02:10, 02:20), one before it (01:50).
        await seed.EventAsync("pkm-kubu", "ticket.called", At(1, 50), Day);
        await seed.EventAsync("pkm-kubu", "ticket.called", At(2, 10), Day);
        await seed.EventAsync("pkm-kubu", "ticket.called", At(2, 20), Day);
        await seed.KioskAsync("pkm-kubu", "kiosk-1", online: true, "paper-out", at: At(2, 59, 30), since: At(2, 40));
        await seed.LinkAsync("pkm-kubu", forwarded: 100, atSite: 120, heartbeat: 10, received: At(2, 59, 55));

        // Rasau Jaya: open, nobody waiting; kiosk's last status 02:58 with a 30 s heartbeat (stale); link silent since 02:50.
        await seed.EventAsync("pkm-rasau", "day.opened", At(0, 5), Day);
        await seed.KioskAsync("pkm-rasau", "kiosk-1", online: true, "ok", at: At(2, 58), since: At(0, 0));
        await seed.LinkAsync("pkm-rasau", forwarded: 40, atSite: 45, heartbeat: 10, received: At(2, 50));

        // Letung: opened and closed; its kiosk off since 01:00 (no alert: the day is closed).
        await seed.EventAsync("pkm-letung", "day.opened", At(0, 0), Day);
        await seed.EventAsync("pkm-letung", "day.closed", At(0, 55), Day);
        await seed.KioskAsync("pkm-letung", "kiosk-1", online: false, "unknown", at: At(0, 30), since: At(1, 0), heartbeat: null);

        // Kokop: open; P-GIGI 2 waiting (oldest 02:45 → 15 min, target 20); kiosk-1 off since 02:30, kiosk-2 paper low.
        await seed.EventAsync("pkm-kokop", "day.opened", At(0, 10), Day);
        await seed.TicketAsync("pkm-kokop", Day, "P-GIGI", "waiting", At(2, 45));
        await seed.TicketAsync("pkm-kokop", Day, "P-GIGI", "waiting", At(2, 55));
        await seed.KioskAsync("pkm-kokop", "kiosk-1", online: false, "unknown", at: At(0, 10), since: At(2, 30), heartbeat: null);
        await seed.KioskAsync("pkm-kokop", "kiosk-2", online: true, "paper-low", at: At(2, 59, 50), since: At(2, 0));
    }
}
