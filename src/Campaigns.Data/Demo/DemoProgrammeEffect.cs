namespace Campaigns.Data.Demo;

/// <summary>
/// The true effect of a generated store's campaigns since its global holdout started, per customer of the programme
/// (everyone not held out): expected extra orders, and the paid revenue (subtotal less discount) and margin (revenue less
/// the goods' cost) they bring, as the programme report measures them. Expected over the offers' purchase chances and
/// baskets, with the customers and their arms as drawn.
/// </summary>
public sealed record DemoProgrammeEffect(int ProgrammeCustomers, int HeldOutCustomers, double Orders, double Revenue, double Margin);
