namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// The calls the bridge makes to BPJS's Antrean FKTP web service. Every call answers with an outcome, never an
/// exception for what BPJS or the network did: the outbox decides from it whether a report is done, refused for good,
/// or to be tried again.
/// </summary>
public interface IAntreanFktpClient
{
    /// <summary><c>POST antrean/add</c>: a JKN patient's number, when the ticket is printed.</summary>
    Task<BpjsOutcome> TambahAntreanAsync(TambahAntrean request, CancellationToken cancellationToken);

    /// <summary><c>POST antrean/panggil</c>: the patient came when called (hadir) or did not (tidak hadir).</summary>
    Task<BpjsOutcome> PanggilAntreanAsync(PanggilAntrean request, CancellationToken cancellationToken);

    /// <summary><c>POST antrean/batal</c>: the ticket was cancelled, with the officer's reason.</summary>
    Task<BpjsOutcome> BatalAntreanAsync(BatalAntrean request, CancellationToken cancellationToken);
}
