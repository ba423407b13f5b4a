using Kiosk.Contract;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Tests;

/// <summary>
/// The recap tells the head of the Puskesmas what was asked and what was not: a category or payer nobody asked is
/// "Tidak diketahui", never guessed as Lama or Umum; priority kinds are counted apart; labels come from configuration.
/// </summary>
public class RecapCategoryTests
{
    private static void Issue(EngineHarness h, PatientCategory category, Payer payer, PriorityKind priority = PriorityKind.None)
    {
        var issued = h.Engine.IssueTicket(new IssueRequest("A", category, payer, priority));
        Assert.True(issued.Succeeded, issued.Error?.Message);
    }

    [Fact]
    public void Unasked_category_and_payer_are_counted_as_unknown_and_priority_kinds_apart()
    {
        using var h = new EngineHarness();
        Issue(h, PatientCategory.Unknown, Payer.Unknown);
        Issue(h, PatientCategory.Unknown, Payer.Umum);
        Issue(h, PatientCategory.Lama, Payer.Unknown);
        Issue(h, PatientCategory.Baru, Payer.Bpjs, PriorityKind.IbuHamil);
        Issue(h, PatientCategory.Unknown, Payer.Bpjs, PriorityKind.Disabilitas);
        Issue(h, PatientCategory.Unknown, Payer.Unknown, PriorityKind.Lansia);
        Issue(h, PatientCategory.Unknown, Payer.Unknown, PriorityKind.Unspecified);

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);

        int Count(IReadOnlyList<Statistics.CountRow> rows, string key) => rows.Single(r => r.Key == key).Count;
        Assert.Equal(5, Count(recap.ByCategory, "Unknown"));
        Assert.Equal(1, Count(recap.ByCategory, "Lama"));
        Assert.Equal(1, Count(recap.ByCategory, "Baru"));
        Assert.Equal(4, Count(recap.ByPayer, "Unknown"));
        Assert.Equal(2, Count(recap.ByPayer, "Bpjs"));
        Assert.Equal(1, Count(recap.ByPayer, "Umum"));
        Assert.Equal(1, Count(recap.ByPriority, "Lansia"));
        Assert.Equal(1, Count(recap.ByPriority, "IbuHamil"));
        Assert.Equal(1, Count(recap.ByPriority, "Disabilitas"));
        Assert.Equal(1, Count(recap.ByPriority, "Unspecified"));
        Assert.Equal(3, Count(recap.ByPriority, "None"));
        Assert.Equal("Tidak diketahui", recap.ByCategory.Single(r => r.Key == "Unknown").Label);
        Assert.Equal("Ibu hamil", recap.ByPriority.Single(r => r.Key == "IbuHamil").Label);
        Assert.Equal("BPJS / KIS", recap.ByPayer.Single(r => r.Key == "Bpjs").Label);
        Assert.False(recap.HasNoData);
    }

    [Fact]
    public void Labels_come_from_configuration_and_survive_a_reopen()
    {
        using var h = new EngineHarness(tweak: o =>
        {
            o.Labels.Payers["Umum"] = "Umum / bayar sendiri";
            o.Labels.Categories["Unknown"] = "Tidak ditanya";
        });
        Issue(h, PatientCategory.Unknown, Payer.Umum);
        h.Reopen();

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);

        Assert.Equal("Umum / bayar sendiri", recap.ByPayer.Single(r => r.Key == "Umum").Label);
        Assert.Equal("Tidak ditanya", recap.ByCategory.Single(r => r.Key == "Unknown").Label);
        Assert.Equal(1, recap.ByCategory.Single(r => r.Key == "Unknown").Count);
        Assert.Equal("Lansia", recap.ByPriority.Single(r => r.Key == "Lansia").Label);
    }

    [Fact]
    public void A_day_without_tickets_says_it_has_no_data()
    {
        using var h = new EngineHarness();

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay.AddDays(-3));

        Assert.True(recap.HasNoData);
    }

    [Fact]
    public void An_unknown_payer_is_shown_the_payer_specific_items_too()
    {
        var service = new Configuration.ServiceOptions { Code = "PRIO" };
        service.Requirements.Add(new Configuration.ServiceRequirement("Kartu BPJS / KIS bila peserta", Payer: Payer.Bpjs));
        service.Requirements.Add(new Configuration.ServiceRequirement("Kartu berobat", PatientCategory.Lama));

        Assert.Equal(["Kartu BPJS / KIS bila peserta", "Kartu berobat"], service.WhatToBring(PatientCategory.Lama, Payer.Unknown));
        Assert.Equal(["Kartu berobat"], service.WhatToBring(PatientCategory.Lama, Payer.Umum));
    }
}
