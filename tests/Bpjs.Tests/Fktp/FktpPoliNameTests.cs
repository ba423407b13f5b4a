using Kiosk.Bpjs.Tests.References;
using Kiosk.Bpjs.Tests.Reporting;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// <c>namapoli</c> in the FKTP side's answers (status, ambil, sisa) is the name Mobile JKN shows the patient: BPJS's own
/// name of the booked poli from the "referensi poli" the bridge keeps, and while there is no list (a bridge started
/// offline with nothing kept) the kiosk's service the poli is mapped to; never the kiosk's registration queue, in which
/// the real kiosk books a poli's patient.
/// </summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class FktpPoliNameTests
{
    private static readonly TimeSpan Bound = FktpRig.TestBound;

    [Fact]
    public async Task Namapoli_is_BPJSs_name_of_the_booked_poli_from_the_kept_references()
    {
        // BPJS lists 001 and 002 (ListedReferensi); 003 is mapped (P-KIA) but not in today's list.
        await using var rig = await FktpRig.StartAsync(referensi: new ListedReferensi());
        rig.Kiosk.AnsweredServiceCode = "BPJS";
        await UntilAsync(() => rig.References.Current is not null);
        var jkn = rig.Caller;
        Assert.True((await jkn.TokenAsync().WaitAsync(Bound)).IsOk);

        var status = await jkn.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(status.IsOk, status.Raw);
        Assert.Equal("UMUM", status.Text("namapoli"));

        var ambil = await jkn.AmbilAsync("0001234567890", "3201010101010001", "002", FktpRig.Today).WaitAsync(Bound);
        Assert.True(ambil.IsOk, ambil.Raw);
        Assert.Equal("GIGI & MULUT", ambil.Text("namapoli"));

        var sisa = await jkn.SisaAsync("0001234567890", "002", FktpRig.Today).WaitAsync(Bound);
        Assert.True(sisa.IsOk, sisa.Raw);
        Assert.Equal("GIGI & MULUT", sisa.Text("namapoli"));

        var notListed = await jkn.AmbilAsync("0009876543210", "3201010101010002", "003", FktpRig.Today).WaitAsync(Bound);
        Assert.True(notListed.IsOk, notListed.Raw);
        Assert.Equal("P-KIA", notListed.Text("namapoli"));
    }

    [Fact]
    public async Task Without_a_poli_list_namapoli_is_the_mapped_service_not_the_registration_queue()
    {
        var bpjs = new ListedReferensi { Down = true };
        await using var rig = await FktpRig.StartAsync(referensi: bpjs);
        rig.Kiosk.AnsweredServiceCode = "BPJS";
        var jkn = rig.Caller;
        Assert.True((await jkn.TokenAsync().WaitAsync(Bound)).IsOk);

        var ambil = await jkn.AmbilAsync("0001234567890", "3201010101010001", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(ambil.IsOk, ambil.Raw);
        Assert.Equal("P-UMUM", ambil.Text("namapoli"));
        var status = await jkn.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        Assert.Equal("P-UMUM", status.Text("namapoli"));
        var sisa = await jkn.SisaAsync("0001234567890", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.Equal("P-UMUM", sisa.Text("namapoli"));
        Assert.Null(rig.References.Current);

        // The list arrives (BPJS back, the bridge's next try): the same booking now reads BPJS's name, no restart.
        bpjs.Down = false;
        var fetch = await rig.References.FetchAsync(FktpRig.Today, CancellationToken.None).WaitAsync(Bound);
        Assert.NotNull(fetch.Snapshot);
        var named = await jkn.SisaAsync("0001234567890", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(named.IsOk, named.Raw);
        Assert.Equal("UMUM", named.Text("namapoli"));
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
        }
    }
}
