namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// A BPJS answer as read from its bytes: <c>{"metadata":{"code":..,"message":..},"response":..}</c> (Antrean spells it
/// <c>metadata</c>, VClaim and PCare <c>metaData</c>; both are read, and a code sent as a string is read as a number).
/// </summary>
/// <param name="Code">metadata.code, or null when there was no readable metadata.</param>
/// <param name="Message">metadata.message ("" when absent).</param>
/// <param name="EncryptedResponse">response when it is a string: BPJS's encrypted, compressed payload.</param>
/// <param name="PlainResponse">response when it is JSON already (an object or array, as some error answers carry), as text.</param>
/// <param name="Problem">Why the bytes are not a BPJS answer; empty when <see cref="Code"/> is set.</param>
public sealed record BpjsEnvelope(int? Code, string Message, string? EncryptedResponse, string? PlainResponse, string Problem)
{
    public bool IsReadable => Code is not null;

    public static BpjsEnvelope Unreadable(string problem) => new(null, string.Empty, null, null, problem);
}
