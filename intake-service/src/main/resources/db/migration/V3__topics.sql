-- The 12 launch topics of PRODUCT.md. Data, not code: later changes come as new migrations or admin edits.
insert into topic (code, name, description, sort_order) values
('T01', 'Luật Tổ chức chính quyền địa phương năm 2025', 'Vướng mắc khi áp dụng Luật Tổ chức chính quyền địa phương 2025', 1),
('T02', 'Hội đồng nhân dân cấp xã', 'Thẩm quyền của Chủ tịch, Phó Chủ tịch HĐND, Trưởng ban HĐND cấp xã', 2),
('T03', 'Ủy ban nhân dân cấp xã', 'Thẩm quyền, hoạt động của Chủ tịch, Phó Chủ tịch UBND, trưởng phòng, công chức cấp xã', 3),
('T04', 'Tổ chức bộ máy các cơ quan chuyên môn thuộc UBND cấp xã', 'Tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp xã', 4),
('T05', 'Đơn vị sự nghiệp công lập cấp xã', 'Đơn vị sự nghiệp công lập thuộc cấp xã', 5),
('T06', 'Vị trí việc làm của công chức cấp xã', 'Xác định vị trí việc làm, cơ cấu ngạch công chức cấp xã', 6),
('T07', 'Phân cấp, phân quyền, phân định thẩm quyền trong lĩnh vực Nội vụ', 'Phân cấp, phân quyền, phân định thẩm quyền lĩnh vực Nội vụ', 7),
('T08', 'Thủ tục hành chính cấp xã lĩnh vực Nội vụ; Trung tâm phục vụ hành chính công cấp xã', 'Thủ tục hành chính và Trung tâm phục vụ hành chính công cấp xã', 8),
('T09', 'Biên chế: thừa, thiếu, điều động, tuyển dụng, phân loại', 'Biên chế, điều động, tuyển dụng, phân loại cán bộ, công chức', 9),
('T10', 'Cơ sở vật chất, trang thiết bị, phần mềm sau sắp xếp', 'Trụ sở, trang thiết bị, phần mềm sau khi sắp xếp đơn vị hành chính', 10),
('T11', 'Đào tạo, bồi dưỡng', 'Đào tạo, bồi dưỡng nâng cao năng lực cán bộ, công chức cấp xã', 11),
('T12', 'Khác', 'Nội dung khác', 12);
