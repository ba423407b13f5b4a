using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Bpjs.Tests.References;

/// <summary>The BPJS double's reference lists set while it runs, read by the bridge's real HTTP client (signed, encrypted, compressed).</summary>
public sealed class DoubleReferenceListTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_list_set_on_the_double_is_what_the_bridge_fetches_and_checks_next()
    {
        await using var bpjs = await BpjsDouble.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new BpjsDoubleOptions();
        var client = new AntreanFktpClient(http, new AntreanFktpOptions { BaseUrl = bpjs.BaseUrl, ConsId = options.ConsId, Secret = options.Secret, UserKey = options.UserKey }, TimeProvider.System);
        var folder = Directory.CreateTempSubdirectory("bpjs-dref-").FullName;
        try
        {
            using var store = ReferenceStore.Open(Path.Combine(folder, "bpjs-outbox.db"));
            var references = new BpjsReferences(client, store, new Dictionary<string, string> { ["P-UMUM"] = "001", ["P-LANSIA"] = "010" }, TimeProvider.System, NullLogger<BpjsReferences>.Instance);
            Assert.Equal([BpjsTeks.PoliNotListed("P-LANSIA", "010")], await references.CheckAtStartAsync(CancellationToken.None).WaitAsync(Bound));

            // BPJS lists poli 010 from now on, with two doctors for it; the next fetch has them and the mapping is good.
            bpjs.Mode.Poli = [.. options.Poli, new ReferensiPoli { KodePoli = "010", NamaPoli = "LANSIA" }];
            bpjs.Mode.Dokter = new Dictionary<string, IReadOnlyList<ReferensiDokter>>(options.Dokter)
            {
                ["010"] =
                [
                    new() { KodeDokter = 1001, NamaDokter = "dr. Lestari", JamPraktek = "07:30-11:30" },
                    new() { KodeDokter = 1002, NamaDokter = "dr. Hadi", JamPraktek = "11:30-14:00" },
                ],
            };
            var fetch = await references.FetchAsync(references.Today, CancellationToken.None).WaitAsync(Bound);
            Assert.NotNull(fetch.Snapshot);
            Assert.Empty(references.MappingProblems());
            Assert.Equal(["dr. Lestari", "dr. Hadi"], fetch.Snapshot.Dokter["010"].Select(d => d.NamaDokter));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
