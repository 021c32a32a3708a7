namespace Campaigns.Domain;

/// <summary>A broken rule, named by the field it belongs to so a form can show it beside the input.</summary>
public sealed record FieldError(string Field, string Message);
