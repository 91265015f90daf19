"""Product samples (sản phẩm mẫu): the 5 samples a 26/2026 dossier goes to the province with
(Điều 6.2.d, 7.2.b), their labels, and who holds each of them until it is returned."""
