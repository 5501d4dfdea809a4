-- Test fixture: a migration this version of the workbench does not have, as a newer version would add.
create table future_things (id bigint primary key);
