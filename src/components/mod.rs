pub mod paste_area;
pub mod verdict_list;
